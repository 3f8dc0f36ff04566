package dev.campus.webhook;

import static dev.campus.support.Api.api;
import static dev.campus.support.Api.unchecked;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.campus.support.Fixtures;
import dev.campus.support.Tokens;
import dev.campus.support.WebhookReceiver;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Webhooks against a real receiver: every committed change after the endpoint's creation reaches it as its event,
 * in feed order, signed; a refused request sends nothing; a failing receiver is retried with backoff and an endpoint
 * that fails for the whole retry window is disabled, which is itself an event. Targets are checked against SSRF.
 */
@QuarkusTest
class WebhookDeliveryTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WebhookDeliveryWorker worker;

    @Inject
    AgroalDataSource dataSource;

    WebhookReceiver receiver;
    final List<String> endpoints = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        receiver = new WebhookReceiver();
        worker.deliverDue(); // whatever other tests left due
    }

    @AfterEach
    void stop() {
        endpoints.forEach(id -> api().delete("/api/v1/webhook-endpoints/{id}", id));
        receiver.close();
    }

    String subscribe(List<String> types) {
        var created = api().body(Map.of("url", receiver.url("delivery"), "eventTypes", types)).post("/api/v1/webhook-endpoints").then().statusCode(201).extract();
        String secret = created.path("secret");
        assertThat(secret).startsWith("whsec_");
        receiver.secret("delivery", secret);
        String id = created.path("id");
        endpoints.add(id);
        assertThat((String) api().get("/api/v1/webhook-endpoints/{id}", id).then().statusCode(200).extract().path("secret"))
                .as("the secret is shown once").isNull();
        return id;
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The feed's events of these subjects, in feed order. */
    static List<JsonNode> feed(List<String> subjects) {
        List<JsonNode> events = new ArrayList<>();
        for (String subject : subjects) {
            json(api().queryParam("subject", subject).queryParam("limit", 100).get("/api/v1/events").asString()).get("items").forEach(events::add);
        }
        return events;
    }

    /** Whether the endpoint subscribed to user.*, enrollment.*, invoice.paid receives this type (payment.* is about the invoice too). */
    static boolean subscribed(String type) {
        return type.startsWith("user.") || type.startsWith("enrollment.") || type.equals("invoice.paid");
    }

    @Test
    void everyCommittedChangeReachesTheSubscribedEndpointSignedAndInOrder() {
        subscribe(List.of("user.*", "enrollment.*", "invoice.paid"));
        String user = Fixtures.user("student");
        api().contentType("application/merge-patch+json").body(Map.of("displayName", "Hooked")).patch("/api/v1/users/{id}", user).then().statusCode(200);
        String course = Fixtures.publishedCourse(Fixtures.instructor(), 4900, null);
        var enrolled = api().body(Map.of("userId", user, "courseId", course)).post("/api/v1/enrollments").then().statusCode(201).extract();
        String invoice = enrolled.path("invoiceId");
        api().body(Map.of("paymentReference", Fixtures.unique("psp"), "amount", Map.of("amount", 4900, "currency", "EUR")))
                .post("/api/v1/invoices/{id}/pay", invoice).then().statusCode(200);
        // refused: enrolling again while enrolled (409) changes nothing, so sends nothing
        unchecked(Tokens.admin()).body(Map.of("userId", user, "courseId", course)).post("/api/v1/enrollments").then().statusCode(409);

        while (worker.deliverDue() > 0) {
            // until nothing is due
        }

        List<JsonNode> expected = feed(List.of("/api/v1/users/" + user, "/api/v1/enrollments/" + (String) enrolled.path("id"), "/api/v1/invoices/" + invoice))
                .stream().filter(event -> subscribed(event.get("type").asText())).toList();
        List<String> expectedTypes = expected.stream().map(event -> event.get("type").asText()).toList();
        assertThat(expectedTypes).containsExactlyInAnyOrder("user.created", "user.updated", "enrollment.created", "enrollment.activated", "invoice.paid");
        assertThat(receiver.of("delivery")).allSatisfy(received -> assertThat(received.verified()).as("signature of " + received.id()).isTrue());
        List<String> receivedOfThese = receiver.ids("delivery").stream().filter(id -> expected.stream().anyMatch(event -> event.get("id").asText().equals(id))).toList();
        assertThat(receivedOfThese).as("each event once").hasSameSizeAs(expected).doesNotHaveDuplicates();
        assertThat(receiver.ids("delivery")).as("nothing twice while every attempt succeeds").doesNotHaveDuplicates();
        for (WebhookReceiver.Received received : receiver.of("delivery")) {
            JsonNode body = json(received.body());
            assertThat(body.get("id").asText()).isEqualTo(received.id());
            assertThat(json(api().get("/api/v1/events/{id}", received.id()).asString())).isEqualTo(body);
        }
    }

    @Test
    void aFailedDeliveryIsRetriedWithBackoffThenDelivered() throws Exception {
        String endpoint = subscribe(List.of("user.created"));
        receiver.answers.add(500);
        String user = Fixtures.user("student");
        worker.deliverDue();
        var deliveries = api().get("/api/v1/webhook-endpoints/{id}/deliveries", endpoint).then().statusCode(200).extract();
        assertThat((Integer) deliveries.path("items[0].statusCode")).isEqualTo(500);
        assertThat((Boolean) deliveries.path("items[0].succeeded")).isFalse();
        assertThat((String) api().get("/api/v1/webhook-endpoints/{id}", endpoint).then().extract().path("failingSince")).isNotNull();
        worker.deliverDue();
        assertThat(receiver.of("delivery")).as("backing off: not due yet").hasSize(1);

        makeDue(endpoint);
        worker.deliverDue();
        assertThat(receiver.of("delivery")).hasSize(2);
        assertThat(receiver.of("delivery").get(0).id()).isEqualTo(receiver.of("delivery").get(1).id()).as("the same webhook-id");
        assertThat(json(receiver.of("delivery").get(1).body()).get("subject").asText()).isEqualTo("/api/v1/users/" + user);
        assertThat((String) api().get("/api/v1/webhook-endpoints/{id}", endpoint).then().extract().path("failingSince")).isNull();

        // a manual retry resends the attempt's event now
        String first = deliveries.path("items[0].id");
        var retried = api().post("/api/v1/webhook-endpoints/{id}/deliveries/{d}/retry", endpoint, first).then().statusCode(200).extract();
        assertThat((Boolean) retried.path("succeeded")).isTrue();
        assertThat(receiver.of("delivery")).hasSize(3);
    }

    @Test
    void anEndpointFailingForTheWholeWindowIsDisabledAndThatIsAnEvent() throws Exception {
        String endpoint = subscribe(List.of("user.created"));
        for (int i = 0; i < 5; i++) {
            receiver.answers.add(503);
        }
        Fixtures.user("student");
        worker.deliverDue();
        try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.executeUpdate("update webhook_endpoints set failing_since = now() - interval '25 hours', next_attempt_at = now() where id = '" + endpoint + "'");
        }
        worker.deliverDue();
        var disabled = api().get("/api/v1/webhook-endpoints/{id}", endpoint).then().statusCode(200).extract();
        assertThat((Boolean) disabled.path("enabled")).isFalse();
        assertThat((String) disabled.path("disabledReason")).isNotBlank();
        List<JsonNode> events = feed(List.of("/api/v1/webhook-endpoints/" + endpoint));
        assertThat(events).extracting(event -> event.get("type").asText()).containsExactly("webhook_endpoint.disabled");
    }

    @Test
    void onlyPublicHttpTargetsAreAccepted() {
        // each refused with 400 when the endpoint is saved
        for (String url : List.of("ftp://example.com/hook", "http://10.0.0.1/hook", "http://169.254.169.254/latest/meta-data", "http://localhost:8080/hook",
                "http://[::1]/hook", "http://user:pass@example.com/hook", "not a url",
                // IPv6 forms that carry a loopback IPv4 address, Teredo, benchmarking, ports out of range
                "http://[::127.0.0.1]/hook", "http://[64:ff9b::7f00:1]/hook", "http://[64:ff9b:1::808:808]/hook", "http://[2002:7f00:1::]/hook",
                "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook", "http://198.18.0.1/hook", "http://93.184.215.14:99999/hook",
                "http://93.184.215.14:0/hook")) {
            unchecked(Tokens.admin()).body(Map.of("url", url, "eventTypes", List.of("user.*"))).post("/api/v1/webhook-endpoints")
                    .then().statusCode(400);
        }
        unchecked(Tokens.admin()).body(Map.of("url", receiver.url("delivery"), "eventTypes", List.of("no.such"))).post("/api/v1/webhook-endpoints").then().statusCode(400);
    }

    void makeDue(String endpoint) throws Exception {
        try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.executeUpdate("update webhook_endpoints set next_attempt_at = now() where id = '" + endpoint + "'");
        }
    }
}
