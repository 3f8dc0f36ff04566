package dev.campus.support;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.campus.shared.DevJwtKeys;
import dev.campus.shared.JwtSigner;

/** Bearer tokens the service trusts in tests: signed with the test key pair, issued by the test issuer. */
public final class Tokens {

    private static final Duration LIFETIME = Duration.ofMinutes(30);
    /** One admin for the whole run, so that its Idempotency-Key scope stays the same across calls. */
    private static final String ADMIN_ID = UUID.randomUUID().toString();

    private Tokens() {
    }

    public static String forUser(String userId, String role) {
        return JwtSigner.sign(DevJwtKeys.privateKey(), DevJwtKeys.ISSUER, DevJwtKeys.AUDIENCE, userId, List.of(role), Instant.now().plus(LIFETIME));
    }

    public static String admin() {
        return forUser(ADMIN_ID, "admin");
    }

    public static String service() {
        return JwtSigner.sign(DevJwtKeys.privateKey(), DevJwtKeys.ISSUER, DevJwtKeys.AUDIENCE, "billing-service", List.of("service"), Instant.now().plus(LIFETIME));
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

    /** These claims, signed RS256 with the test key. */
    public static String signed(Map<String, Object> claims) {
        return JwtSigner.sign(DevJwtKeys.privateKey(), Map.of("alg", "RS256", "typ", "JWT"), claims);
    }
}
