package dev.campus.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.campus.support.Contract;
import dev.campus.support.HandMadeJwt;
import dev.campus.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Authentication comes before anything is looked up, on every operation of the served OpenAPI document: every
 * kind of bad bearer token ({@link BadToken}) is a 401 problem with a Bearer challenge everywhere (the anonymous
 * catalogue reads included), as is an Authorization header that holds no bearer token; and an anonymous call to
 * an operation that needs a token is a 401 whether or not the id exists. A new operation is covered the day it
 * appears in the contract.
 */
@QuarkusTest
class AuthenticateFirstTest {

    static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** Tokens the service must not trust, each otherwise valid (an admin's, so that no role stands in the way). */
    enum BadToken {
        EXPIRED(changed(claims -> {
            claims.put("iat", Instant.now().minusSeconds(7200).getEpochSecond());
            claims.put("exp", Instant.now().minusSeconds(3600).getEpochSecond());
        })),
        EXPIRING_BEFORE_IT_WAS_ISSUED(changed(claims -> claims.put("exp", Instant.now().minusSeconds(3600).getEpochSecond()))),
        ISSUED_IN_THE_FUTURE_BEYOND_THE_CLOCK_SKEW(changed(claims -> {
            claims.put("iat", Instant.now().plusSeconds(600).getEpochSecond());
            claims.put("exp", Instant.now().plusSeconds(1200).getEpochSecond());
        })),
        FOR_ANOTHER_AUDIENCE(changed(claims -> claims.put("aud", "another-service"))),
        WITHOUT_AUDIENCE(changed(claims -> claims.remove("aud"))),
        FROM_ANOTHER_ISSUER(changed(claims -> claims.put("iss", "https://evil.example"))),
        SIGNED_WITH_ANOTHER_KEY(() -> {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return HandMadeJwt.sign(generator.generateKeyPair().getPrivate(), Map.of("alg", "RS256", "typ", "JWT"), admin());
            } catch (NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }),
        UNSIGNED_WITH_ALG_NONE(() -> {
            try {
                ObjectMapper json = new ObjectMapper();
                return BASE64URL.encodeToString(json.writeValueAsBytes(Map.of("alg", "none", "typ", "JWT"))) + "."
                        + BASE64URL.encodeToString(json.writeValueAsBytes(admin())) + ".";
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }),
        WITH_ITS_ROLE_TAMPERED_WITH(() -> {
            String[] parts = Tokens.forUser(UUID.randomUUID().toString(), "student").split("\\.");
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"student\"", "\"admin\"");
            return parts[0] + "." + BASE64URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        }),
        GARBAGE(() -> "not.a.token"),
        A_STUDENTS_WHOSE_SUBJECT_IS_NOT_A_UUID(() -> Tokens.signed(Tokens.claims("alice", "student"))),
        AN_INSTRUCTORS_WHOSE_SUBJECT_IS_NOT_A_UUID(() -> Tokens.signed(Tokens.claims("alice", "instructor"))),
        AN_ADMINS_WHOSE_SUBJECT_IS_NOT_A_UUID(() -> Tokens.signed(Tokens.claims("alice", "admin"))),
        WITHOUT_A_ROLE(changed(claims -> claims.remove("groups"))),
        WITH_ONLY_A_ROLE_CAMPUS_DOES_NOT_HAVE(changed(claims -> claims.put("groups", List.of("superuser")))),
        WITHOUT_SUBJECT(() -> {
            Map<String, Object> claims = Tokens.claims("x", "service");
            claims.remove("sub");
            return Tokens.signed(claims);
        });

        final Supplier<String> token;

        BadToken(Supplier<String> token) {
            this.token = token;
        }

        static Map<String, Object> admin() {
            return Tokens.claims(UUID.randomUUID().toString(), "admin");
        }

        /** A valid admin token's claims with this change, signed with the test key. */
        static Supplier<String> changed(Consumer<Map<String, Object>> change) {
            return () -> {
                Map<String, Object> claims = admin();
                change.accept(claims);
                return Tokens.signed(claims);
            };
        }
    }

    /** Calls the operation with ids that exist nowhere; nothing may be looked up before the caller is known. */
    static Response call(Contract.Operation operation, String authorization) {
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

    /** Every operation (but the anonymous ones, unless told) answers 401 problem+json with a Bearer challenge. */
    static void assertEveryOperationRefuses(String what, String authorization, boolean includingAnonymousOperations) {
        List<String> wrong = new ArrayList<>();
        for (Contract.Operation operation : Contract.operations()) {
            if (operation.anonymous() && !includingAnonymousOperations) {
                continue;
            }
            Response response = call(operation, authorization);
            String challenge = response.header("WWW-Authenticate");
            if (response.statusCode() != 401 || !response.contentType().startsWith("application/problem+json")
                    || challenge == null || !challenge.startsWith("Bearer") || response.jsonPath().getInt("status") != 401) {
                wrong.add(operation.id() + " answered " + response.statusCode() + " " + response.contentType() + " challenge " + challenge);
            }
        }
        assertThat(wrong).as(what).isEmpty();
    }

    @Test
    void anAnonymousCallToAProtectedOperationIs401WhateverTheId() {
        assertThat(Contract.operations()).hasSizeGreaterThan(30).anyMatch(Contract.Operation::anonymous).anyMatch(operation -> !operation.anonymous());
        assertEveryOperationRefuses("anonymous", null, false);
    }

    @ParameterizedTest
    @EnumSource(BadToken.class)
    void aBadTokenIs401OnEveryOperation(BadToken token) {
        assertEveryOperationRefuses(token.name(), "Bearer " + token.token.get(), true);
    }

    @ParameterizedTest
    @ValueSource(strings = { "Bearer ", "Bearer", "Basic YTpi", "Token abc" })
    void anAuthorizationHeaderWithoutABearerTokenIs401OnEveryOperation(String header) {
        List<String> wrong = new ArrayList<>();
        for (Contract.Operation operation : Contract.operations()) {
            Response response = call(operation, header);
            if (response.statusCode() != 401 || !response.contentType().startsWith("application/problem+json")) {
                wrong.add(operation.id() + " answered " + response.statusCode());
            }
        }
        assertThat(wrong).as("Authorization: " + header).isEmpty();
    }
}
