package dev.campus.system;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.common.util.MediaTypeHelper;

import dev.campus.shared.ProblemType;
import dev.campus.shared.Problems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Accept as the contract declares it (RFC 9110, 12.5.1), for every operation, before any resource: a request
 * that accepts any media type the operation declares, its success types or application/problem+json (which
 * every operation declares for its errors), is served; its success is sent in the success type it accepts
 * best, or in the operation's own when it accepts only problem+json (the server disregards Accept rather than
 * answer 406, as 12.5.1 allows), and every error is problem+json whatever Accept says. 406 (a problem) only
 * for a request that accepts none of the declared types of an operation whose success has a body; an
 * operation whose successes are bodiless (a 204) is never refused for its Accept. JAX-RS then sees the
 * chosen type as the Accept header, so its own matching never answers 406 where the contract promises a body.
 * An Accept header that does not parse is left to JAX-RS.
 */
@Singleton
public class ContentNegotiation {

    static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    RouteTemplates routes;

    void install(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE + 3).handler(this::negotiate);
    }

    void negotiate(RoutingContext context) {
        String accept = context.request().getHeader(HttpHeaders.ACCEPT);
        RouteTemplates.Operation operation = accept == null ? null : routes.operation(context.normalizedPath(), context.request().method().name());
        List<MediaType> ranges = operation == null ? null : parse(accept);
        if (ranges == null) {
            context.next();
            return;
        }
        List<String> success = operation.successMediaTypes();
        if (success.isEmpty()) {
            context.request().headers().remove(HttpHeaders.ACCEPT); // no representation to choose
            context.next();
            return;
        }
        String best = null;
        float bestQ = 0;
        for (String type : success) {
            float q = quality(ranges, MediaType.valueOf(type));
            if (q > bestQ) {
                best = type;
                bestQ = q;
            }
        }
        if (best == null && quality(ranges, MediaType.valueOf(PROBLEM_JSON)) > 0) {
            best = success.get(0);
        }
        if (best == null) {
            context.response().setStatusCode(ProblemType.NOT_ACCEPTABLE.status()).putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON)
                    .end(Problems.json(ProblemType.NOT_ACCEPTABLE, "This operation answers with " + String.join(", ", success)
                            + " (and " + PROBLEM_JSON + " for errors); the Accept header allows none of them",
                            Problems.instance(context.request().path()).toString()));
            return;
        }
        context.request().headers().set(HttpHeaders.ACCEPT, best);
        context.next();
    }

    /** The media ranges of an Accept header value, or null when it does not parse. */
    static List<MediaType> parse(String accept) {
        try {
            return MediaTypeHelper.parseHeader(accept);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The q of the most specific range that matches the type (RFC 9110, 12.5.1), 0 when none does. */
    static float quality(List<MediaType> ranges, MediaType type) {
        int specificity = -1;
        float q = 0;
        for (MediaType range : ranges) {
            if (!range.isCompatible(type)) {
                continue;
            }
            int rangeSpecificity = range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
            if (rangeSpecificity > specificity) {
                specificity = rangeSpecificity;
                q = MediaTypeHelper.getQWithParamInfo(range);
            }
        }
        return q;
    }
}
