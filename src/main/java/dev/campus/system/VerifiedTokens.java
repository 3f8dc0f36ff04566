package dev.campus.system;

import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies each bearer token once, not on every request: smallrye-jwt's parser (signature, issuer, audience,
 * expiry: RFC 7519 and RFC 7515) runs the first time a token is presented, and the verified token is then reused
 * for the identical token string until the earlier of its {@code exp} and {@code campus.auth.verified-token-ttl}
 * (default 60 s, which also bounds how long a token keeps passing after its signing key was withdrawn). At most
 * {@code campus.auth.verified-token-cache-size} tokens (default 1,000) are kept (Caffeine evicts by its
 * frequency and recency policy, W-TinyLFU).
 * A token that fails verification is never kept, so it fails again each time it is presented. Only the
 * exact same string hits the cache: a tampered token is a different key and is verified in full. The rules of
 * {@link BearerTokenRules} run for every request, cached or not. The parser's other methods (explicit keys or
 * contexts, decryption) are not request authentication and pass through undecorated.
 *
 * <p>Why: the RSA signature check was the largest single item of a GET's CPU profile (bench/profile.sh get).
 */
@Decorator
@Priority(10)
public abstract class VerifiedTokens implements JWTParser {

    // Per application instance (not static): a restarted application, e.g. a test profile with other keys or
    // issuer, starts with nothing verified.
    private final long ttlMillis = ConfigProvider.getConfig()
            .getOptionalValue("campus.auth.verified-token-ttl", Duration.class).orElse(Duration.ofSeconds(60)).toMillis();
    private final long size = ConfigProvider.getConfig()
            .getOptionalValue("campus.auth.verified-token-cache-size", Long.class).orElse(1_000L);

    /** Verified tokens by their compact serialisation; an entry lives until exp or the TTL, whichever is first. */
    private final Cache<String, JsonWebToken> verified = Caffeine.newBuilder()
            .maximumSize(Math.max(size, 0))
            .expireAfter(Expiry.creating((String token, JsonWebToken jwt) -> Duration.ofMillis(lifetimeMillis(jwt))))
            .build();

    @Inject
    @Delegate
    @Any
    JWTParser parser;

    /**
     * Returns the verified token, from the cache when this exact token was verified before and has not expired.
     *
     * @throws ParseException when smallrye-jwt refuses the token (the request is then a 401)
     */
    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (ttlMillis <= 0 || size <= 0) {
            return parser.parse(token);
        }
        JsonWebToken cached = verified.getIfPresent(token);
        if (cached != null && cached.getExpirationTime() * 1000 > System.currentTimeMillis()) {
            return cached;
        }
        JsonWebToken fresh = parser.parse(token);
        if (lifetimeMillis(fresh) > 0) {
            verified.put(token, fresh);
        }
        return fresh;
    }

    /** Milliseconds the verified token may be reused: until its exp, at most the TTL; 0 when it has no exp. */
    private long lifetimeMillis(JsonWebToken jwt) {
        long exp = jwt.getExpirationTime();
        if (exp <= 0) {
            return 0;
        }
        return Math.max(0, Math.min(ttlMillis, exp * 1000 - Instant.now().toEpochMilli()));
    }
}
