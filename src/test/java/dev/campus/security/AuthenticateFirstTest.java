package dev.campus.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.campus.devmode.DevJwtKeys;
import dev.campus.support.Contract;
import dev.campus.support.HandMadeJwt;
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

    /** Calls the operation with ids that exist nowhere; nothing may be looked up before the caller is known. */
    static Response call(Contract.Operation operation, String token) {
        return callWithAuthorization(operation, token == null ? null : "Bearer " + token);
    }

    static Response callWithAuthorization(Contract.Operation operation, String authorization) {
        RequestSpecification request = RestAssured.given();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (operation.takesBody()) {
            request.contentType(operation.bodyMediaType()).body("{}");
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
        return HandMadeJwt.sign(DevJwtKeys.privateKey(), Map.of("alg", "RS256", "typ", "JWT"), claims);
    }

    static void assertEveryOperationRefuses(String what, String token, boolean includingAnonymousOperations) throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Contract.Operation operation : Contract.operations()) {
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
        assertThat(Contract.operations()).hasSizeGreaterThan(30).anyMatch(Contract.Operation::anonymous).anyMatch(operation -> !operation.anonymous());
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
    void anAuthorizationHeaderWithoutABearerTokenIs401OnEveryOperation() {
        for (String header : List.of("Bearer ", "Bearer", "Basic YTpi", "Token abc")) {
            List<String> wrong = new ArrayList<>();
            for (Contract.Operation operation : Contract.operations()) {
                Response response = callWithAuthorization(operation, header);
                if (response.statusCode() != 401 || !response.contentType().startsWith("application/problem+json")) {
                    wrong.add(operation.id() + " answered " + response.statusCode());
                }
            }
            assertThat(wrong).as("Authorization: " + header).isEmpty();
        }
    }

    @Test
    void garbageInsteadOfATokenIs401OnEveryOperation() throws Exception {
        assertEveryOperationRefuses("garbage", "not.a.token", true);
    }
}
