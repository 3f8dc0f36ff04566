package dev.campus.system;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.campus.shared.Caller;
import dev.campus.shared.Uuids;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * What a verified token must also satisfy before it names a caller (signature, issuer, audience and expiry are
 * smallrye-jwt's): a {@code sub} claim; a UUID {@code sub} unless the token has the service role (a service's
 * subject is its client id, any string); at least one of Campus's roles (student, instructor, admin, service) in its
 * {@code groups} claim, since what a caller may do follows from the role alone; no {@code iat} in the future beyond the configured clock skew
 * (RFC 7519, 4.1.6). A token that fails is answered like any invalid token: 401 with
 * {@code WWW-Authenticate: Bearer error="invalid_token"}.
 */
@ApplicationScoped
public class BearerTokenRules implements SecurityIdentityAugmentor {

    /** The roles a caller may have; a token with none of them names nobody this service knows how to serve. */
    static final List<String> ROLES = List.of(Caller.STUDENT, Caller.INSTRUCTOR, Caller.ADMIN, Caller.SERVICE);

    /** The tolerance of smallrye-jwt's own exp/nbf checks, in seconds; iat gets the same. */
    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
    int clockSkewSeconds;

    /** Returns the identity unchanged, or fails with AuthenticationFailedException when a rule is broken. */
    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        String broken = brokenRule(identity, token);
        return broken == null ? Uni.createFrom().item(identity) : Uni.createFrom().failure(new AuthenticationFailedException(broken));
    }

    private String brokenRule(SecurityIdentity identity, JsonWebToken token) {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            return "the token has no subject";
        }
        if (ROLES.stream().noneMatch(identity::hasRole)) {
            return "the token's groups claim names none of the roles " + String.join(", ", ROLES);
        }
        if (!identity.hasRole(Caller.SERVICE) && !Uuids.isUuid(subject)) {
            return "the subject of a user's token must be the user id (a UUID)";
        }
        long issuedAt = token.getIssuedAtTime();
        if (issuedAt > Instant.now().getEpochSecond() + clockSkewSeconds) {
            return "the token is issued in the future";
        }
        return null;
    }
}
