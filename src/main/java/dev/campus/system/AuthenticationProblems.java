package dev.campus.system;

import java.net.URI;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.campus.shared.ProblemType;
import dev.campus.shared.Problems;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * 401 problem+json with a Bearer challenge, for a missing token and for one that failed verification; 403
 * problem+json for an authenticated caller whose role an operation's {@code @RolesAllowed} does not name.
 * (quarkus-resteasy-problem's own security mappers do not run on this Quarkus version.)
 */
public class AuthenticationProblems {

    @ServerExceptionMapper(priority = 1)
    public Response missing(UnauthorizedException exception, UriInfo uri) {
        return problem(uri, ProblemType.UNAUTHORIZED, "This operation needs a bearer token", "Bearer");
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalid(AuthenticationFailedException exception, UriInfo uri) {
        return problem(uri, ProblemType.INVALID_TOKEN, "The bearer token is invalid, expired, or not issued by a trusted issuer",
                "Bearer error=\"invalid_token\"");
    }

    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException exception, UriInfo uri) {
        return Problems.builder(ProblemType.FORBIDDEN)
                .withDetail("Your role may not call this operation")
                .withInstance(URI.create(uri.getRequestUri().getRawPath()))
                .build()
                .toResponse();
    }

    private static Response problem(UriInfo uri, ProblemType type, String detail, String challenge) {
        return Problems.builder(type)
                .withDetail(detail)
                .withInstance(URI.create(uri.getRequestUri().getRawPath()))
                .withHeader("WWW-Authenticate", challenge)
                .build()
                .toResponse();
    }
}
