package dev.campus.system;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.campus.shared.Problems;
import io.vertx.core.http.HttpServerRequest;

/**
 * A query parameter the contract declares with one value (any whose schema is not an array, such as
 * {@code limit}) given twice is a 400 problem naming it ({@code ?limit=5&limit=50}), never the first value
 * taken silently: a proxy or filter in front might read the other one. Checked once the operation is matched,
 * after authentication, like every other parameter check; names are compared percent-decoded.
 */
@Singleton
public class SingleValuedParameters {

    static final String MESSAGE = "must be given once: the parameter takes a single value";

    @Inject
    RouteTemplates routes;

    /** 400 problem when a single-valued query parameter of the operation appears more than once. */
    @ServerRequestFilter(priority = Priorities.USER)
    public void check(HttpServerRequest request) {
        String query = request.query();
        if (query == null || query.indexOf('&') < 0) {
            return;
        }
        RouteTemplates.Operation operation = routes.operation(request.path(), request.method().name());
        if (operation == null || operation.singleValuedQueryParameters().isEmpty()) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = decoded(equals < 0 ? pair : pair.substring(0, equals));
            if (name != null && operation.singleValuedQueryParameters().contains(name) && !seen.add(name)) {
                throw Problems.invalid("query", name, MESSAGE);
            }
        }
    }

    /** The name as the application reads it; null where it does not decode (StorableText refuses it). */
    private static String decoded(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
