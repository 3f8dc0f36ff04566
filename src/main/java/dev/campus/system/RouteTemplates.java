package dev.campus.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.openapi.runtime.io.Format;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;

/**
 * The route templates of the API ({@code /api/v1/courses/{id}}) with the methods each serves, read once from the
 * served OpenAPI document, which tests keep equal to the resources. Every API request is tagged with its template
 * before anything else runs, so HTTP metrics name the endpoint even for requests refused before a resource method
 * is chosen (405, 406, 413, 414, 415): one series per endpoint, never one per id, and no hand-kept list of
 * patterns. Matching compares path segments (no regular expressions); where several templates match, the one
 * with the most literal characters wins, as in JAX-RS (3.1.4). Each template also holds what the contract
 * declares per operation that the HTTP layer enforces (media types of successes, single-valued query parameters).
 */
@Singleton
public class RouteTemplates {

    /**
     * The Vert.x context-local key Quarkus REST sets to the matched resource's template and Quarkus's HTTP
     * metrics read (io.quarkus.resteasy.reactive.server.runtime.observability.ObservabilityUtil).
     */
    static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    /**
     * What the contract declares for one operation: the media types of its success (2xx) bodies, in document
     * order (none where every success is bodiless, such as a 204), and its query parameters that take one value
     * (every one whose schema is not an array).
     */
    public record Operation(List<String> successMediaTypes, Set<String> singleValuedQueryParameters) {
    }

    /** A path template of the contract, the methods it serves (HEAD and OPTIONS included) and its operations by method. */
    record Route(String template, String[] segments, Set<String> methods, int literals, Map<String, Operation> operations) {

        boolean matches(String[] path) {
            if (path.length != segments.length) {
                return false;
            }
            for (int i = 0; i < path.length; i++) {
                String segment = segments[i];
                boolean parameter = segment.startsWith("{");
                if (parameter ? path[i].isEmpty() : !segment.equals(path[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    @Inject
    OpenApiDocumentService documents;

    @Inject
    ObjectMapper mapper;

    private volatile List<Route> routes;

    /** The route serving this path (raw or decoded), or null when the API has no such path. */
    public Route match(String path) {
        String[] segments = path.split("/", -1);
        Route best = null;
        for (Route route : routes()) {
            if (route.matches(segments) && (best == null || route.literals() > best.literals())) {
                best = route;
            }
        }
        return best;
    }

    /** The methods the path serves, HEAD and OPTIONS included where it serves anything; empty for an unknown path. */
    public Set<String> allowedMethods(String path) {
        Route route = match(path);
        return route == null ? Set.of() : route.methods();
    }

    /** The operation serving this method on this path (HEAD: the GET), or null when the contract has none. */
    public Operation operation(String path, String method) {
        Route route = match(path);
        return route == null ? null : route.operations().get("HEAD".equals(method) ? "GET" : method);
    }

    /** Every template of the API, for tests and documentation. */
    public List<String> templates() {
        return routes().stream().map(Route::template).toList();
    }

    /** Before any other handler: tags the request with its route template (Quarkus's HTTP metrics read it). */
    void install(@Observes Router router) {
        // No path on the route: Vert.x would decode the path to match one, and a malformed percent-encoding is
        // RequestLimits' to answer (400), next.
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String path = context.request().path();
            Route route = path != null && path.startsWith("/api/") ? match(path) : null;
            if (route != null) {
                ((HttpServerRequestInternal) context.request()).context().putLocal(URL_PATH_TEMPLATE, route.template());
            }
            context.next();
        });
    }

    private List<Route> routes() {
        List<Route> known = routes;
        if (known == null) {
            known = read();
            routes = known;
        }
        return known;
    }

    private List<Route> read() {
        try {
            JsonNode document = mapper.readTree(documents.getDocument("<default>", Format.JSON));
            List<Route> read = new ArrayList<>();
            document.path("paths").fields().forEachRemaining(path -> {
                Set<String> methods = new TreeSet<>();
                Map<String, Operation> operations = new HashMap<>();
                path.getValue().fields().forEachRemaining(field -> {
                    if (field.getKey().matches("get|put|post|delete|patch|head|options|trace")) {
                        methods.add(field.getKey().toUpperCase());
                        operations.put(field.getKey().toUpperCase(), operation(path.getValue().path("parameters"), field.getValue()));
                    }
                });
                if (methods.contains("GET")) {
                    methods.add("HEAD");
                }
                if (!methods.isEmpty()) {
                    methods.add("OPTIONS");
                }
                String template = path.getKey();
                read.add(new Route(template, template.split("/", -1), Collections.unmodifiableSet(methods),
                        template.replaceAll("\\{[^}]+}", "").length(), Map.copyOf(operations)));
            });
            return List.copyOf(read);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Operation operation(JsonNode pathParameters, JsonNode operation) {
        Set<String> mediaTypes = new LinkedHashSet<>();
        operation.path("responses").fields().forEachRemaining(response -> {
            if (response.getKey().startsWith("2")) {
                response.getValue().path("content").fieldNames().forEachRemaining(mediaTypes::add);
            }
        });
        Set<String> singleValued = new TreeSet<>();
        for (JsonNode parameters : List.of(pathParameters, operation.path("parameters"))) {
            for (JsonNode parameter : parameters) {
                if ("query".equals(parameter.path("in").asText()) && !"array".equals(parameter.path("schema").path("type").asText())) {
                    singleValued.add(parameter.path("name").asText());
                }
            }
        }
        return new Operation(List.copyOf(mediaTypes), Collections.unmodifiableSet(singleValued));
    }
}
