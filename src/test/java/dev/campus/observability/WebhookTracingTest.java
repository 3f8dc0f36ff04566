package dev.campus.observability;

import static dev.campus.support.Api.api;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.campus.support.Fixtures;
import dev.campus.support.WebhookReceiver;
import dev.campus.webhook.WebhookDeliveryWorker;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Each webhook request is a CLIENT span with the HTTP semantic conventions' attributes (method, full URL without
 * query values, server address and port, response status, error type on failure), and the receiver gets that
 * span's W3C traceparent, so a consumer's server span continues the trace of the delivery.
 */
@QuarkusTest
class WebhookTracingTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    RecordedSpans recorded;

    @Inject
    WebhookDeliveryWorker worker;

    WebhookReceiver receiver;
    String endpoint;

    @BeforeEach
    void start() throws Exception {
        worker.deliverDue(); // whatever other tests left due
        receiver = new WebhookReceiver();
        var created = api().body(Map.of("url", receiver.url("traced") + "?token=s3cret&v=1", "eventTypes", List.of("user.created")))
                .post("/api/v1/webhook-endpoints").then().statusCode(201).extract();
        endpoint = created.path("id");
        receiver.secret("traced", created.path("secret"));
        recorded.start();
    }

    @AfterEach
    void stop() {
        recorded.stop();
        api().delete("/api/v1/webhook-endpoints/{id}", endpoint);
        receiver.close();
    }

    @Test
    void aDeliveryIsAClientSpanWhoseTraceparentTheReceiverGets() throws InterruptedException {
        Fixtures.user("student");
        worker.deliverDue();

        assertThat(receiver.of("traced")).hasSize(1);
        WebhookReceiver.Received request = receiver.of("traced").get(0);
        SpanData span = awaitSpan(client -> client.getKind() == SpanKind.CLIENT && receiver.url("traced").equals(url(client).split("\\?")[0]));

        assertThat(span.getName()).isEqualTo("POST");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("http.request.method"))).isEqualTo("POST");
        assertThat(url(span)).as("url.full, query values redacted").isEqualTo(receiver.url("traced") + "?token=REDACTED&v=REDACTED");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("server.address"))).isEqualTo("127.0.0.1");
        assertThat(span.getAttributes().get(AttributeKey.longKey("server.port"))).isEqualTo((long) Integer.parseInt(receiver.url("x").split(":")[2].split("/")[0]));
        assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type"))).isNull();
        assertThat(span.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        assertThat(request.traceparent()).as("the traceparent the receiver got").isEqualTo("00-" + span.getTraceId() + "-" + span.getSpanId() + "-01");
        assertThat(request.verified()).isTrue();
    }

    @Test
    void aFailedDeliveryIsAnErrorSpanNamingTheStatus() throws InterruptedException {
        receiver.answers.add(503);
        Fixtures.user("student");
        worker.deliverDue();

        SpanData span = awaitSpan(client -> client.getKind() == SpanKind.CLIENT && url(client).startsWith(receiver.url("traced")));

        assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(503L);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("503");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(receiver.of("traced").get(0).traceparent()).contains(span.getSpanId());
    }

    static String url(SpanData span) {
        String url = span.getAttributes().get(AttributeKey.stringKey("url.full"));
        return url == null ? "" : url;
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
        throw new AssertionError("no such span within " + WAIT + "; recorded: " + TracingTest.describe(recorded.spans()));
    }
}
