package dev.campus.system;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.campus.shared.ProblemType;
import dev.campus.shared.Problems;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;

/**
 * 401 problem+json with a Bearer challenge, for a missing token and for one that failed verification; 403
 * problem+json for an authenticated caller whose role an operation's {@code @RolesAllowed} does not name.
 * (quarkus-resteasy-problem's own security mappers do not run on this Quarkus version.)
 */
public class AuthenticationProblems {

    @ServerExceptionMapper(priority = 1)
    public Response missing(UnauthorizedException exception, HttpServerRequest request) {
        return problem(request, ProblemType.UNAUTHORIZED, "This operation needs a bearer token", "Bearer");
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalid(AuthenticationFailedException exception, HttpServerRequest request) {
        return problem(request, ProblemType.INVALID_TOKEN, "The bearer token is invalid, expired, or not issued by a trusted issuer",
                "Bearer error=\"invalid_token\"");
    }

    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException exception, HttpServerRequest request) {
        return Problems.builder(ProblemType.FORBIDDEN)
                .withDetail("Your role may not call this operation")
                .withInstance(Problems.instance(request.path()))
                .build()
                .toResponse();
    }

    private static Response problem(HttpServerRequest request, ProblemType type, String detail, String challenge) {
        return Problems.builder(type)
                .withDetail(detail)
                .withInstance(Problems.instance(request.path()))
                .withHeader("WWW-Authenticate", challenge)
                .build()
                .toResponse();
    }
}
