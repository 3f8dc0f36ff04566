package dev.campus.system;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/**
 * A request that presents a token is authenticated before anything else, on every operation, the anonymous
 * catalogue reads included: a present but bad token (expired, forged, another issuer or audience) is a 401
 * everywhere, never silently treated as anonymous; so is an Authorization header that carries no bearer token
 * at all (empty, or another scheme such as Basic), which no mechanism here verifies. Authentication stays lazy (quarkus.http.auth.proactive=false)
 * so that the failure reaches the problem+json mappers of AuthenticationProblems.
 */
public class BearerTokenAuthentication {

    @Inject
    CurrentIdentityAssociation identities;

    /** Completes when the presented token is verified; fails with AuthenticationFailedException otherwise. */
    @ServerRequestFilter
    public Uni<Void> authenticatePresentedToken(HttpHeaders headers) {
        if (headers.getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity().invoke(identity -> {
            if (identity.isAnonymous()) {
                throw new AuthenticationFailedException("the Authorization header carries no bearer token");
            }
        }).replaceWithVoid();
    }
}
