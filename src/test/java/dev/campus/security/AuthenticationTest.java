package dev.campus.security;

import static dev.campus.support.Api.api;
import static dev.campus.support.Api.as;
import static dev.campus.support.Api.unchecked;
import static dev.campus.support.Tokens.claims;
import static dev.campus.support.Tokens.signed;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.campus.devmode.DevJwtKeys;
import dev.campus.support.Fixtures;
import dev.campus.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Who a valid token makes the caller: its subject, whatever else it names; tokens the service must refuse are
 * AuthenticateFirstTest's table, on every operation.
 */
@QuarkusTest
class AuthenticationTest {

    static final String USERS = "/api/v1/users";

    @Test
    void aValidTokenGetsIn() {
        String student = Fixtures.user("student");
        as(Tokens.forUser(student, "student")).get(USERS + "/{id}", student).then().statusCode(200);
    }

    /**
     * Verified tokens are reused (system.VerifiedTokens) for the exact same string only: after the genuine token
     * was verified and used, a copy with any one character of its payload or signature changed is refused, and
     * the genuine one still gets in.
     */
    @Test
    void aReusedVerificationNeverAdmitsAnAlteredCopyOfTheToken() {
        String student = Fixtures.user("student");
        String token = Tokens.forUser(student, "student");
        as(token).get(USERS + "/{id}", student).then().statusCode(200);
        as(token).get(USERS + "/{id}", student).then().statusCode(200);
        String[] parts = token.split("\\.");
        String otherRole = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"student\"", "\"admin\"");
        String tamperedPayload = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(otherRole.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
        char last = parts[2].charAt(parts[2].length() - 2);
        String tamperedSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);
        for (String altered : List.of(tamperedPayload, tamperedSignature, token + "x")) {
            unchecked(altered).get(USERS).then().statusCode(401);
        }
        as(token).get(USERS + "/{id}", student).then().statusCode(200);
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
    void aServiceTokenMayHaveAnySubject() {
        as(signed(claims("payments-integration", "service"))).get(USERS).then().statusCode(200);
    }

    @Test
    void aTokenNamingThisServiceAmongOtherAudiencesGetsIn() {
        Map<String, Object> several = claims(Fixtures.user("admin"), "admin");
        several.put("aud", List.of("another-service", DevJwtKeys.AUDIENCE));
        as(signed(several)).get(USERS).then().statusCode(200);
    }

    @Test
    void aTokenIssuedInTheFutureWithinTheClockSkewGetsIn() {
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
