package dev.campus.shared;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * Refuses a body whose Content-Length exceeds quarkus.http.limits.max-body-size with a problem+json 413,
 * before the HTTP layer's own check (which answers with an empty body) and before anything is read.
 * A chunked body without Content-Length that grows past the limit still meets that plain 413.
 */
@Singleton
public class BodyTooLargeHandler {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isOver(length, limit)) {
                context.response()
                        .setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(new JsonObject()
                                .put("title", "Content Too Large")
                                .put("status", 413)
                                .put("detail", "The request body is larger than the " + limit + " bytes the service accepts")
                                .put("instance", context.request().path())
                                .encode());
            } else {
                context.next();
            }
        });
    }

    private static boolean isOver(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // a malformed header is the HTTP layer's to reject
        }
    }
}
