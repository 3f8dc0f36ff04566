package dev.campus.system;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Spans are recorded only when they can go somewhere: without {@code OTEL_EXPORTER_OTLP_ENDPOINT} no exporter is
 * installed, so the sampler is switched to {@code always_off} and the JDBC instrumentation off (it names and
 * attributes every statement before the sampler is asked). Every request still has a W3C trace context (a
 * non-sampled span with a valid trace id, continued from an incoming {@code traceparent}), so logs and problem
 * bodies keep their {@code traceId}; what is saved is building, timing and attributing spans nobody receives
 * (the HTTP server span and one span per JDBC statement, on every request). With the endpoint set, the default
 * sampler ({@code parentbased_always_on}) applies, or whatever {@code quarkus.otel.traces.sampler} says, since
 * application.properties and the environment outrank this source.
 */
public class TracingConfigSourceFactory implements ConfigSourceFactory {

    /** The standard OpenTelemetry variable naming the OTLP collector. */
    public static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String endpoint = context.getValue(ENDPOINT).getValue();
        if (endpoint != null && !endpoint.isBlank()) {
            return List.of();
        }
        return List.of(new MapBackedConfigSource("No span exporter without " + ENDPOINT,
                Map.of("quarkus.otel.traces.sampler", "always_off", "quarkus.datasource.jdbc.telemetry.enabled", "false"), 50) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(50);
    }
}
