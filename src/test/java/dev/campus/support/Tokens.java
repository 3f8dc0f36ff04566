package dev.campus.support;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.campus.devmode.DevJwtKeys;
import io.smallrye.jwt.build.Jwt;

/** Bearer tokens the service trusts in tests: signed with the test key pair, issued by the test issuer. */
public final class Tokens {

    private static final Duration LIFETIME = Duration.ofMinutes(30);
    /** One admin for the whole run, so that its Idempotency-Key scope stays the same across calls. */
    private static final String ADMIN_ID = UUID.randomUUID().toString();

    private Tokens() {
    }

    public static String forUser(String userId, String role) {
        return sign(userId, role);
    }

    public static String admin() {
        return forUser(ADMIN_ID, "admin");
    }

    public static String service() {
        return sign("billing-service", "service");
    }

    /** The claims of a valid token for this subject and role (issued now, expiring in ten minutes), to change one of. */
    public static Map<String, Object> claims(String subject, String role) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", DevJwtKeys.ISSUER);
        claims.put("aud", DevJwtKeys.AUDIENCE);
        claims.put("sub", subject);
        claims.put("groups", List.of(role));
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("exp", Instant.now().plusSeconds(600).getEpochSecond());
        return claims;
    }

    /** Exactly these claims (none added), signed RS256 with the test key: for the tests of malformed tokens. */
    public static String signed(Map<String, Object> claims) {
        return HandMadeJwt.sign(DevJwtKeys.privateKey(), Map.of("alg", "RS256", "typ", "JWT"), claims);
    }

    /** An RS256 token of the test issuer for the test audience, signed with smallrye-jwt-build. */
    private static String sign(String subject, String role) {
        return Jwt.issuer(DevJwtKeys.ISSUER).audience(DevJwtKeys.AUDIENCE).subject(subject).groups(Set.of(role))
                .expiresIn(LIFETIME).jws().sign(DevJwtKeys.privateKey());
    }
}
