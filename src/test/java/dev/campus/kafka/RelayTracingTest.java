package dev.campus.kafka;

import static dev.campus.support.Api.api;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.campus.observability.RecordedSpans;
import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The outbox keeps the traceparent of the request that wrote each event, and the relay's send of the event is a
 * PRODUCER span "send {topic}" with the messaging attributes, linked to that request's span, whose own traceparent
 * goes into the record's headers (so that a consumer continues the trace). The broker's answer ends it, with the
 * partition and offset. (KafkaRelayIT sees the header on records that a real broker delivered.)
 */
@QuarkusTest
class RelayTracingTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    RecordedSpans recorded;

    @Inject
    RelayTracing tracing;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void record() {
        recorded.start();
    }

    @AfterEach
    void stop() {
        recorded.stop();
    }

    @Test
    void aSendIsAProducerSpanLinkedToTheWritingRequestWithItsTraceparentInTheHeaders() throws Exception {
        String id = api().header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                .body(Map.of("email", "traced-" + UUID.randomUUID() + "@example.com", "displayName", "Traced", "role", "student"))
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
        SpanData request = awaitSpan(span -> span.getKind() == SpanKind.SERVER && span.getName().equals("POST /api/v1/users")
                && span.getTraceId().equals(TRACE_ID));
        OutboxRow event = event("/api/v1/users/" + id);
        assertThat(event.traceparent()).as("the writer's traceparent in the outbox")
                .isEqualTo("00-" + TRACE_ID + "-" + request.getSpanId() + "-01");

        RecordHeaders headers = new RecordHeaders();
        RelayTracing.Send send = tracing.start("campus.events", event, headers);
        send.acknowledged(new RecordMetadata(new TopicPartition("campus.events", 2), 41, 0, 0L, 10, 10), null);

        SpanData span = awaitSpan(producer -> producer.getKind() == SpanKind.PRODUCER
                && event.id().toString().equals(producer.getAttributes().get(AttributeKey.stringKey("messaging.message.id"))));
        assertThat(span.getName()).isEqualTo("send campus.events");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("messaging.system"))).isEqualTo("kafka");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("messaging.destination.name"))).isEqualTo("campus.events");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("messaging.kafka.message.key"))).isEqualTo(event.subject());
        assertThat(span.getAttributes().get(AttributeKey.stringKey("messaging.destination.partition.id"))).isEqualTo("2");
        assertThat(span.getAttributes().get(AttributeKey.longKey("messaging.kafka.offset"))).isEqualTo(41L);
        assertThat(span.getLinks()).as("linked to the writing request").anySatisfy(link -> {
            assertThat(link.getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
            assertThat(link.getSpanContext().getSpanId()).isEqualTo(request.getSpanId());
        });
        assertThat(new String(headers.lastHeader("traceparent").value(), StandardCharsets.UTF_8)).as("the record's traceparent")
                .isEqualTo("00-" + span.getTraceId() + "-" + span.getSpanId() + "-01");
    }

    OutboxRow event(String subject) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select id, tx, type, source, subject, occurred_at, data::text, traceparent from events where subject = ? order by tx, id limit 1")) {
            select.setString(1, subject);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("an event about " + subject).isTrue();
                return new OutboxRow(row.getObject(1, UUID.class), row.getLong(2), row.getString(3), row.getString(4), row.getString(5),
                        row.getTimestamp(6).toInstant(), row.getString(7), row.getString(8));
            }
        }
    }

    SpanData awaitSpan(Predicate<SpanData> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<SpanData> found = recorded.spans().stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no such span within " + WAIT + "; recorded: " + recorded.spans());
    }
}
