package dev.campus.security;

import static dev.campus.support.Api.anonymous;
import static dev.campus.support.Api.api;
import static dev.campus.support.Api.as;
import static dev.campus.support.Api.unchecked;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.campus.devmode.DevJwtKeys;
import dev.campus.support.Fixtures;
import dev.campus.support.HandMadeJwt;
import dev.campus.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Only tokens signed by the configured key, from the configured issuer, unexpired and untouched, get in. */
@QuarkusTest
class AuthenticationTest {

    static final String USERS = "/api/v1/users";
    static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    static Map<String, Object> claims(String subject, String role) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", DevJwtKeys.ISSUER);
        claims.put("aud", DevJwtKeys.AUDIENCE);
        claims.put("sub", subject);
        claims.put("groups", List.of(role));
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("exp", Instant.now().plusSeconds(600).getEpochSecond());
        return claims;
    }

    static ValidatableResponse isRefused(ValidatableResponse response) {
        return response.statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer")).body("status", equalTo(401));
    }

    @Test
    void aValidTokenGetsIn() {
        String student = Fixtures.user("student");
        as(Tokens.forUser(student, "student")).get(USERS + "/{id}", student).then().statusCode(200);
    }

    @Test
    void noTokenOnAProtectedOperationIs401WithAChallenge() {
        isRefused(unchecked(null).get(USERS).then());
    }

    @Test
    void anExpiredTokenIs401() {
        Map<String, Object> claims = claims(Fixtures.user("admin"), "admin");
        claims.put("exp", Instant.now().minusSeconds(3600).getEpochSecond());
        isRefused(as(HandMadeJwt.sign(DevJwtKeys.privateKey(), Map.of("alg", "RS256", "typ", "JWT"), claims)).get(USERS).then());
    }

    @Test
    void aTokenFromAnotherIssuerIs401() {
        Map<String, Object> claims = claims(Fixtures.user("admin"), "admin");
        claims.put("iss", "https://evil.example");
        isRefused(as(HandMadeJwt.sign(DevJwtKeys.privateKey(), Map.of("alg", "RS256", "typ", "JWT"), claims)).get(USERS).then());
    }

    @Test
    void aTokenSignedWithAnotherKeyIs401() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = HandMadeJwt.sign(generator.generateKeyPair().getPrivate(), Map.of("alg", "RS256", "typ", "JWT"),
                claims(Fixtures.user("admin"), "admin"));
        isRefused(as(forged).get(USERS).then());
    }

    @Test
    void anUnsignedTokenWithAlgNoneIs401() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String unsigned = BASE64URL.encodeToString(json.writeValueAsBytes(Map.of("alg", "none", "typ", "JWT"))) + "."
                + BASE64URL.encodeToString(json.writeValueAsBytes(claims(Fixtures.user("admin"), "admin"))) + ".";
        isRefused(as(unsigned).get(USERS).then());
    }

    @Test
    void aTokenWhoseRoleWasTamperedWithIs401() throws Exception {
        String student = Fixtures.user("student");
        String[] parts = Tokens.forUser(student, "student").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"student\"", "\"admin\"");
        String tampered = parts[0] + "." + BASE64URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        isRefused(as(tampered).get(USERS).then());
    }

    @Test
    void garbageInTheAuthorizationHeaderIs401() {
        isRefused(as("not.a.token").get(USERS).then());
    }

    @Test
    void anInvalidTokenIs401EvenWherAnonymousCallersAreWelcome() {
        isRefused(as("not.a.token").get("/api/v1/courses").then());
        anonymous().get("/api/v1/courses").then().statusCode(200);
    }

    static String signed(Map<String, Object> claims) {
        return HandMadeJwt.sign(DevJwtKeys.privateKey(), Map.of("alg", "RS256", "typ", "JWT"), claims);
    }

    @Test
    void theCallerIsTheSubjectNotTheUpnOrPreferredUsername() {
        String caller = Fixtures.user("student");
        String victim = Fixtures.user("student");
        Map<String, Object> claims = claims(caller, "student");
        claims.put("upn", victim);
        claims.put("preferred_username", victim);
        String token = signed(claims);
        as(token).get(USERS + "/{id}", caller).then().statusCode(200);
        unchecked(token).get(USERS + "/{id}", victim).then().statusCode(404);
        unchecked(token).contentType("application/merge-patch+json").body(Map.of("displayName", "Taken over"))
                .patch(USERS + "/{id}", victim).then().statusCode(404);
        api().get(USERS + "/{id}", victim).then().statusCode(200).body("displayName", equalTo("Test student"));
    }

    @Test
    void anIdentityProviderTokenWithAPreferredUsernameReadsItsOwnProfile() {
        String student = Fixtures.user("student");
        Map<String, Object> claims = claims(student, "student");
        claims.put("preferred_username", "alice");
        as(signed(claims)).get(USERS + "/{id}", student).then().statusCode(200);
    }

    @Test
    void aUserTokenWhoseSubjectIsNotAUuidIs401() {
        for (String role : List.of("student", "instructor", "admin")) {
            isRefused(unchecked(signed(claims("alice", role))).get("/api/v1/courses").then());
            isRefused(unchecked(signed(claims("alice", role))).get(USERS).then());
        }
    }

    @Test
    void aServiceTokenMayHaveAnySubject() {
        as(signed(claims("payments-integration", "service"))).get(USERS).then().statusCode(200);
    }

    @Test
    void aTokenWithoutSubjectIs401() {
        Map<String, Object> claims = claims("x", "service");
        claims.remove("sub");
        isRefused(unchecked(signed(claims)).get(USERS).then());
    }

    @Test
    void aTokenForAnotherAudienceIs401() {
        Map<String, Object> other = claims(Fixtures.user("admin"), "admin");
        other.put("aud", "another-service");
        isRefused(unchecked(signed(other)).get(USERS).then());
        Map<String, Object> none = claims(Fixtures.user("admin"), "admin");
        none.remove("aud");
        isRefused(unchecked(signed(none)).get(USERS).then());
        Map<String, Object> several = claims(Fixtures.user("admin"), "admin");
        several.put("aud", List.of("another-service", DevJwtKeys.AUDIENCE));
        as(signed(several)).get(USERS).then().statusCode(200);
    }

    @Test
    void aTokenIssuedInTheFutureIs401BeyondTheClockSkew() {
        Map<String, Object> future = claims(Fixtures.user("admin"), "admin");
        future.put("iat", Instant.now().plusSeconds(600).getEpochSecond());
        future.put("exp", Instant.now().plusSeconds(1200).getEpochSecond());
        isRefused(unchecked(signed(future)).get(USERS).then());
        Map<String, Object> skewed = claims(Fixtures.user("admin"), "admin");
        skewed.put("iat", Instant.now().plusSeconds(20).getEpochSecond());
        as(signed(skewed)).get(USERS).then().statusCode(200);
    }

    @Test
    void aServiceTokenWithALongSubjectCanUseIdempotencyKeys() {
        String token = signed(claims("svc-" + "x".repeat(300), "service"));
        String student = Fixtures.user("student");
        String course = Fixtures.publishedCourse(Fixtures.instructor());
        Map<String, Object> body = Map.of("userId", student, "courseId", course);
        String id = as(token).header("Idempotency-Key", "long-subject-1").body(body).post("/api/v1/enrollments")
                .then().statusCode(201).extract().path("id");
        as(token).header("Idempotency-Key", "long-subject-1").body(body).post("/api/v1/enrollments")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id));
    }
}
