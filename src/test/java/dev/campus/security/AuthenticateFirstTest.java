package dev.campus.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.campus.shared.DevJwtKeys;
import dev.campus.shared.JwtSigner;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Authentication comes before anything is looked up, on every operation of the served OpenAPI document: a
 * present but bad token is a 401 everywhere (the anonymous catalogue reads included), and an anonymous call to
 * an operation that needs a token is a 401 whether or not the id exists. A new operation is covered the day it
 * appears in the contract.
 */
@QuarkusTest
class AuthenticateFirstTest {

    /** One operation of the contract: method, path template, whether it takes a body, whether anonymous callers are welcome. */
    record Operation(String id, String method, String path, boolean hasBody, String bodyType, boolean anonymous) {
    }

    static List<Operation> operations;

    /** The operations of the served contract, read once (the port is known only once a test runs). */
    static synchronized List<Operation> operations() throws Exception {
        if (operations != null) {
            return operations;
        }
        JsonNode spec = new ObjectMapper().readTree(RestAssured.given().get("/q/openapi?format=json").asString());
        operations = new ArrayList<>();
        spec.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
            JsonNode operation = entry.getValue();
            if (!operation.has("operationId")) {
                return;
            }
            boolean anonymous = false;
            for (JsonNode requirement : operation.path("security")) {
                anonymous |= requirement.isEmpty();
            }
            JsonNode content = operation.path("requestBody").path("content");
            String bodyType = content.fieldNames().hasNext() ? content.fieldNames().next() : null;
            operations.add(new Operation(operation.get("operationId").asText(), entry.getKey().toUpperCase(), path.getKey(),
                    bodyType != null, bodyType, anonymous));
        }));
        assertThat(operations).hasSizeGreaterThan(30);
        return operations;
    }

    /** Calls the operation with ids that exist nowhere; nothing may be looked up before the caller is known. */
    static Response call(Operation operation, String token) {
        RequestSpecification request = RestAssured.given();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (operation.hasBody()) {
            request.contentType(operation.bodyType()).body("{}");
        } else {
            request.contentType("application/json"); // REST-assured would otherwise call a bodyless POST a form
        }
        String url = operation.path().replaceAll("\\{slug}", "no-such-course").replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        return request.request(operation.method(), url);
    }

    static Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", DevJwtKeys.ISSUER);
        claims.put("aud", DevJwtKeys.AUDIENCE);
        claims.put("sub", UUID.randomUUID().toString());
        claims.put("groups", List.of("admin"));
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("exp", Instant.now().plusSeconds(600).getEpochSecond());
        return claims;
    }

    static String sign(Map<String, Object> claims) {
        return JwtSigner.sign(DevJwtKeys.privateKey(), Map.of("alg", "RS256", "typ", "JWT"), claims);
    }

    static void assertEveryOperationRefuses(String what, String token, boolean includingAnonymousOperations) throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Operation operation : operations()) {
            if (operation.anonymous() && !includingAnonymousOperations) {
                continue;
            }
            Response response = call(operation, token);
            if (response.statusCode() != 401 || !response.contentType().startsWith("application/problem+json")
                    || response.header("WWW-Authenticate") == null) {
                wrong.add(operation.id() + " answered " + response.statusCode() + " " + response.contentType());
            }
        }
        assertThat(wrong).as(what).isEmpty();
    }

    @Test
    void anAnonymousCallToAProtectedOperationIs401WhateverTheId() throws Exception {
        assertThat(operations()).anyMatch(Operation::anonymous).anyMatch(operation -> !operation.anonymous());
        assertEveryOperationRefuses("anonymous", null, false);
    }

    @Test
    void anExpiredTokenIs401OnEveryOperation() throws Exception {
        Map<String, Object> expired = claims();
        expired.put("iat", Instant.now().minusSeconds(7200).getEpochSecond());
        expired.put("exp", Instant.now().minusSeconds(3600).getEpochSecond());
        assertEveryOperationRefuses("expired", sign(expired), true);
    }

    @Test
    void aTokenForAnotherAudienceIs401OnEveryOperation() throws Exception {
        Map<String, Object> foreign = claims();
        foreign.put("aud", "another-service");
        assertEveryOperationRefuses("another audience", sign(foreign), true);
    }

    @Test
    void aTokenFromAnotherIssuerIs401OnEveryOperation() throws Exception {
        Map<String, Object> foreign = claims();
        foreign.put("iss", "https://evil.example");
        assertEveryOperationRefuses("another issuer", sign(foreign), true);
    }

    @Test
    void garbageInsteadOfATokenIs401OnEveryOperation() throws Exception {
        assertEveryOperationRefuses("garbage", "not.a.token", true);
    }
}
