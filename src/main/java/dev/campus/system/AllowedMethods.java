package dev.campus.system;

import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.campus.shared.ProblemType;
import dev.campus.shared.Problems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

/**
 * The methods each path really serves (RFC 9110, 10.2.1 Allow), read once from the served OpenAPI document,
 * which tests keep equal to the resources: a 405 problem names them in {@code Allow}, and {@code OPTIONS} on an
 * API path answers 204 with the same list (404 problem for a path the API does not have).
 */
@Singleton
public class AllowedMethods {

    @Inject
    RouteTemplates routes;

    /** The methods the path serves, HEAD and OPTIONS included where it serves anything; empty for an unknown path. */
    public Set<String> of(String path) {
        return routes.allowedMethods(path);
    }

    /** 405 problem+json with the Allow header of the path (JAX-RS answers without one). */
    @ServerExceptionMapper(priority = 1)
    public Response notAllowed(NotAllowedException exception, UriInfo uri, HttpServerRequest request) {
        String path = uri.getPath();
        return Problems.builder(ProblemType.METHOD_NOT_ALLOWED)
                .withDetail("This path does not serve the method; see the Allow header")
                .withInstance(Problems.instance(request.path()))
                .withHeader("Allow", String.join(", ", of(path)))
                .build()
                .toResponse();
    }

    /**
     * On API paths, before any resource: OPTIONS answers 204 with Allow (404 problem for a path the API does not
     * have), and a method the path does not serve answers 405 with Allow, whatever resource class would be tried.
     */
    void install(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE + 2).handler(context -> {
            HttpMethod method = context.request().method();
            boolean options = method.equals(HttpMethod.OPTIONS);
            if (options && context.request().getHeader("Access-Control-Request-Method") != null) {
                context.next(); // a CORS preflight is the CORS filter's to answer
                return;
            }
            Set<String> methods = of(context.normalizedPath());
            if (methods.isEmpty()) {
                if (options) {
                    problem(context, ProblemType.NOT_FOUND, "The API has no such path", null);
                } else {
                    context.next();
                }
            } else if (options) {
                context.response().setStatusCode(204).putHeader(HttpHeaders.ALLOW, String.join(", ", methods)).end();
            } else if (!methods.contains(method.name())) {
                problem(context, ProblemType.METHOD_NOT_ALLOWED, "This path does not serve " + method.name() + "; see the Allow header",
                        String.join(", ", methods));
            } else {
                context.next();
            }
        });
    }

    private static void problem(io.vertx.ext.web.RoutingContext context, ProblemType type, String detail, String allow) {
        var response = context.response().setStatusCode(type.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json");
        if (allow != null) {
            response.putHeader(HttpHeaders.ALLOW, allow);
        }
        response.end(Problems.json(type, detail, context.request().path()));
    }
}
