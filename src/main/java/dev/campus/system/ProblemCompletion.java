package dev.campus.system;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Singleton;

import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import dev.campus.shared.ProblemType;
import dev.campus.shared.Problems;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.InstanceUtils;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemContext;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemPostProcessor;
import io.quarkus.arc.Unremovable;

/**
 * Completes every problem the exception mappers answer with: a problem the frameworks raised with a status only
 * (bean-validation failures, unmatched paths and media types, unexpected exceptions) gets the catalogue's type of
 * its status, and every typed problem the catalogue's title; {@code instance} is the request path as received,
 * percent-encoded, so that it is a valid URI reference whatever the path held (spaces, non-ASCII, %00); and a
 * problem without {@code detail} gets one, the summary of its violations (bean-validation failures arrive without).
 */
@Singleton
@Unremovable
public class ProblemCompletion implements ProblemPostProcessor {

    private static final String PATH_CHARACTERS = "-._~!$&'()*+,;=:@/";

    /** After the library's logger (101), which logs what the mappers built, and before its own instance default (99). */
    @Override
    public int priority() {
        return 100;
    }

    @Override
    public HttpProblem apply(HttpProblem problem, ProblemContext context) {
        ProblemType type = (problem.getType() == null ? ProblemType.forStatus(problem.getStatusCode()) : ProblemType.byUri(problem.getType()))
                .orElse(null);
        boolean typed = type == null || type.uri().equals(problem.getType()) && type.title().equals(problem.getTitle());
        if (typed && problem.getInstance() != null && problem.getDetail() != null) {
            return problem;
        }
        HttpProblem.Builder completed = HttpProblem.builder(problem);
        if (type != null) {
            completed.withType(type.uri()).withTitle(type.title());
        }
        if (problem.getInstance() == null) {
            String path = requestPath(context);
            // The library writes an instance as URLDecoder.decode(instance); pathToInstance is its inverse.
            completed.withInstance(path == null ? null : InstanceUtils.pathToInstance(path));
        }
        if (problem.getDetail() == null) {
            completed.withDetail(problem.getParameters().get("violations") instanceof List<?> violations && !violations.isEmpty()
                    ? Problems.summary(violations)
                    : type != null ? type.title() : problem.getTitle());
        }
        return completed.build();
    }

    /** The path as the client sent it; the decoded path only when no request is at hand. */
    private static String requestPath(ProblemContext context) {
        ResteasyReactiveRequestContext request = CurrentRequestManager.get();
        String raw = request != null ? request.serverRequest().getRequestPath() : null;
        if (raw != null) {
            return asUriReference(raw, true);
        }
        return context.path == null ? null : asUriReference(context.path, false);
    }

    /**
     * Percent-encodes every character a URI path may not hold. In a path as received, valid escapes stay as they
     * are and other characters are raw bytes; in a decoded path, '%' is a character like any other.
     */
    static String asUriReference(String path, boolean received) {
        StringBuilder uri = new StringBuilder(path.length() + 16);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean escape = c == '%' && received && i + 2 < path.length()
                    && Character.digit(path.charAt(i + 1), 16) >= 0 && Character.digit(path.charAt(i + 2), 16) >= 0;
            if (escape || c < 0x80 && (Character.isLetterOrDigit(c) || PATH_CHARACTERS.indexOf(c) >= 0)) {
                uri.append(c);
            } else if (received && c <= 0xFF) {
                appendEscape(uri, c); // a raw byte of the request line
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < path.length() ? i + 2 : i + 1;
                for (byte b : path.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    appendEscape(uri, b & 0xFF);
                }
                i = end - 1;
            }
        }
        return uri.toString();
    }

    private static void appendEscape(StringBuilder uri, int octet) {
        uri.append('%').append(Character.toUpperCase(Character.forDigit(octet >> 4, 16)))
                .append(Character.toUpperCase(Character.forDigit(octet & 0xF, 16)));
    }
}
