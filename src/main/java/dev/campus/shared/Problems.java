package dev.campus.shared;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.validation.Violation;
import io.vertx.core.json.JsonObject;

/** The problem details (RFC 9457) the service answers with, each of a type of the catalogue ({@link ProblemType}). */
public final class Problems {

    private Problems() {
    }

    /** A problem of this type: its URI, status and title from the catalogue, and what happened this time. */
    public static HttpProblem of(ProblemType type, String detail) {
        return builder(type).withDetail(detail).build();
    }

    /** A builder with the type, status and title of the catalogue set, for a problem that needs more (headers). */
    public static HttpProblem.Builder builder(ProblemType type) {
        return HttpProblem.builder().withType(type.uri()).withStatus(type.status()).withTitle(type.title());
    }

    /**
     * A problem a framework reported with a status only: of the catalogue's general type for that status. A status
     * the catalogue has no type for (none the service is known to answer) goes out untyped, as RFC 9457 allows.
     */
    public static HttpProblem ofStatus(int status, String reasonPhrase, String detail) {
        return ProblemType.forStatus(status).map(type -> of(type, detail))
                .orElseGet(() -> HttpProblem.builder().withStatus(status).withTitle(reasonPhrase).withDetail(detail).build());
    }

    /** 404 not-found: the resource does not exist, or the caller may not know that it does. */
    public static HttpProblem notFound(String resource, Object id) {
        return of(ProblemType.NOT_FOUND, resource + " " + id + " does not exist");
    }

    /** 403 forbidden: the caller is known and may see what they asked for, but not do it; detail says who may. */
    public static HttpProblem forbidden(String detail) {
        return of(ProblemType.FORBIDDEN, detail);
    }

    /**
     * The answer to a caller who may not change a resource: 403 when they can see it anyway, otherwise the
     * same 404 as for a resource that does not exist, so ids cannot be probed.
     */
    public static HttpProblem refused(boolean visible, String resource, Object id, String detail) {
        return visible ? forbidden(detail) : notFound(resource, id);
    }

    /**
     * The {@code instance} of a problem (RFC 9457, 3.1.5) for a request path as received: still percent-encoded,
     * so always a valid URI reference; characters a path may not hold dropped, a stray '%' escaped, cut to 512
     * characters. Built from the raw request path alone, never from Host or forwarded headers, so that a request
     * without a valid Host still gets its problem.
     *
     * @return a relative URI reference, "/" for an empty path
     */
    public static URI instance(String rawPath) {
        String path = rawPath == null ? "" : rawPath;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.length() > 512) {
            path = path.substring(0, 512);
        }
        path = path.replaceAll("[^A-Za-z0-9\\-._~!$&'()*+,;=:@/%]", "").replaceAll("%(?![0-9A-Fa-f]{2})", "%25");
        return URI.create(path.isEmpty() ? "/" : path);
    }

    /**
     * The body of a problem answered below Quarkus REST (Vert.x routes), where no mapper runs: the same members as
     * every other problem.
     */
    public static String json(ProblemType type, String detail, String instance) {
        JsonObject problem = new JsonObject().put("type", type.uri().toString()).put("title", type.title()).put("status", type.status())
                .put("detail", detail).put("instance", instance);
        String traceId = TraceIds.current();
        return (traceId == null ? problem : problem.put(TraceIds.MEMBER, traceId)).encode();
    }

    /** A 400 naming the offending input, in the same shape as bean-validation failures. */
    public static HttpProblem invalid(String in, String field, String message) {
        return builder(ProblemType.VALIDATION)
                .withDetail(describe(field, message))
                .with("violations", List.of(Map.of("field", field, "in", in, "message", message)))
                .build();
    }

    /** A 400 listing every bean-validation failure of a request body checked outside a resource method. */
    public static HttpProblem invalidBody(Set<? extends ConstraintViolation<?>> violations) {
        List<Map<String, String>> listed = violations.stream()
                .map(violation -> Map.of("field", violation.getPropertyPath().toString(), "in", "body", "message", violation.getMessage()))
                .sorted(Comparator.comparing((Map<String, String> violation) -> violation.get("field")).thenComparing(violation -> violation.get("message")))
                .toList();
        return builder(ProblemType.VALIDATION)
                .withDetail(summary(listed))
                .with("violations", listed)
                .build();
    }

    /**
     * The detail of a validation failure: "field: message" for each violation, in order, joined by "; ". Reads
     * the violations this class builds (maps) and those of quarkus-resteasy-problem (public fields).
     */
    public static String summary(List<?> violations) {
        StringBuilder summary = new StringBuilder();
        for (Object violation : violations) {
            String field;
            String message;
            if (violation instanceof Map<?, ?> map) {
                field = String.valueOf(map.get("field"));
                message = String.valueOf(map.get("message"));
            } else if (violation instanceof Violation library) {
                field = library.field;
                message = library.message;
            } else {
                field = "";
                message = String.valueOf(violation);
            }
            summary.append(summary.isEmpty() ? "" : "; ").append(describe(field == null ? "" : field, message));
        }
        return summary.toString();
    }

    private static String describe(String field, String message) {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
