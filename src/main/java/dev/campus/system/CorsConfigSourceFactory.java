package dev.campus.system;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * CORS is off unless {@code CAMPUS_CORS_ORIGINS} lists the browser origins allowed to call the API (comma-separated,
 * e.g. {@code https://app.example.com,https://admin.example.com}); then Quarkus' CORS filter answers preflights and
 * adds the Access-Control-* headers for those origins only. One setting switches it on and names the origins,
 * because Quarkus' filter, enabled without origins, would refuse every cross-origin request instead of staying out
 * of the way. Origins, methods, request and exposed headers are in application.properties.
 */
public class CorsConfigSourceFactory implements ConfigSourceFactory {

    /** The environment variable (or property) with the allowed origins. */
    public static final String ORIGINS = "CAMPUS_CORS_ORIGINS";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String origins = context.getValue(ORIGINS).getValue();
        if (origins == null || origins.isBlank()) {
            return List.of();
        }
        // The origins themselves: quarkus.http.cors.origins=${CAMPUS_CORS_ORIGINS:} in application.properties.
        return List.of(new MapBackedConfigSource("CORS switched on by " + ORIGINS, Map.of("quarkus.http.cors.enabled", "true"), 50) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(50);
    }
}
