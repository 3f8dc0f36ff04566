package dev.campus.kafka;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * Each published event is a PRODUCER span named "send {topic}" with the messaging semantic conventions' attributes
 * (messaging.system kafka, messaging.destination.name, messaging.operation.name send, messaging.message.id the event
 * id, messaging.kafka.message.key the subject; partition and offset once acknowledged, error.type on failure),
 * linked to the span of the request that wrote the event (the outbox keeps its traceparent); the span's own W3C
 * traceparent goes into the record's headers, so that a consumer continues the trace.
 */
@ApplicationScoped
public class RelayTracing {

    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.name");
    static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<String> KEY = AttributeKey.stringKey("messaging.kafka.message.key");
    static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
    static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return java.util.List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    @Inject
    OpenTelemetry telemetry;

    /** One event's send: its span, ended by the broker's answer. */
    public record Send(Span span) {

        /** The producer's callback: records the partition and offset, or the error, and ends the span. */
        public void acknowledged(RecordMetadata metadata, Exception failure) {
            if (failure != null) {
                span.setAttribute(ERROR_TYPE, failure.getClass().getName());
                span.setStatus(StatusCode.ERROR, failure.getMessage());
            } else if (metadata != null) {
                span.setAttribute(PARTITION, Integer.toString(metadata.partition()));
                span.setAttribute(OFFSET, metadata.offset());
            }
            span.end();
        }
    }

    /** Starts the span of one event's send and writes its traceparent into the headers. */
    public Send start(String topic, OutboxRow event, RecordHeaders headers) {
        SpanBuilder builder = telemetry.getTracer("dev.campus.kafka").spanBuilder("send " + topic).setSpanKind(SpanKind.PRODUCER)
                .setNoParent()
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(DESTINATION, topic)
                .setAttribute(OPERATION, "send")
                .setAttribute(OPERATION_TYPE, "send")
                .setAttribute(MESSAGE_ID, event.id().toString())
                .setAttribute(KEY, event.subject());
        SpanContext writer = writer(event.traceparent());
        if (writer.isValid()) {
            builder.addLink(writer);
        }
        Span span = builder.startSpan();
        telemetry.getPropagators().getTextMapPropagator().inject(Context.root().with(span), headers,
                (carrier, key, value) -> carrier.add(key, value.getBytes(StandardCharsets.UTF_8)));
        return new Send(span);
    }

    private SpanContext writer(String traceparent) {
        if (traceparent == null) {
            return SpanContext.getInvalid();
        }
        Context extracted = telemetry.getPropagators().getTextMapPropagator().extract(Context.root(), traceparent, TRACEPARENT);
        return Span.fromContext(extracted).getSpanContext();
    }
}
