package dev.campus.system;

/**
 * No JDBC instrumentation where no span can go anywhere: without {@code OTEL_EXPORTER_OTLP_ENDPOINT} no exporter is
 * installed, so {@code quarkus.datasource.jdbc.telemetry.enabled} (a run-time switch) is set to false; the JDBC
 * instrumentation named and attributed every statement before the sampler was even asked (5-7 % of a GET's CPU
 * samples). The HTTP server spans stay, so every request still has its W3C trace context and logs and problem
 * bodies keep their {@code traceId}. With the endpoint set, nothing is changed: JDBC spans are exported as children
 * of the request's span. (The sampler cannot be switched here: {@code quarkus.otel.traces.sampler} is fixed at build
 * time.) application.properties and the environment outrank this source.
 */
public class TracingConfigSourceFactory extends ConfigSwitch {

    /** The standard OpenTelemetry variable naming the OTLP collector. */
    public static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /** Switches the JDBC instrumentation off while {@value #ENDPOINT} is unset. */
    public TracingConfigSourceFactory() {
        super(ENDPOINT, false, "quarkus.datasource.jdbc.telemetry.enabled", "false");
    }
}
