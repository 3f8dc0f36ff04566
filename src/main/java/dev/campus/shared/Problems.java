package dev.campus.shared;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;

import jakarta.ws.rs.core.Response.Status;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.validation.Violation;

/** The problem details (RFC 9457) the service answers with; every domain error is built here. */
public final class Problems {

    private Problems() {
    }

    public static HttpProblem notFound(String resource, Object id) {
        return of(Status.NOT_FOUND, resource + " " + id + " does not exist");
    }

    public static HttpProblem conflict(String detail) {
        return of(Status.CONFLICT, detail);
    }

    public static HttpProblem unprocessable(String detail) {
        return HttpProblem.builder().withStatus(422).withTitle("Unprocessable Content").withDetail(detail).build();
    }

    public static HttpProblem preconditionFailed(String detail) {
        return of(Status.PRECONDITION_FAILED, detail);
    }

    public static HttpProblem serviceUnavailable(String detail) {
        return of(Status.SERVICE_UNAVAILABLE, detail);
    }

    /** A 400 naming the offending input, in the same shape as bean-validation failures. */
    public static HttpProblem invalid(String in, String field, String message) {
        return HttpProblem.builder()
                .withStatus(Status.BAD_REQUEST)
                .withTitle(Status.BAD_REQUEST.getReasonPhrase())
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
        return HttpProblem.builder()
                .withStatus(Status.BAD_REQUEST)
                .withTitle(Status.BAD_REQUEST.getReasonPhrase())
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

    public static HttpProblem of(Status status, String detail) {
        return HttpProblem.builder().withStatus(status).withTitle(status.getReasonPhrase()).withDetail(detail).build();
    }
}
