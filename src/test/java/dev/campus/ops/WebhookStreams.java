package dev.campus.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.campus.support.WebhookReceiver;

/**
 * What the webhook *IT tests share: the settings that let the packaged application deliver to a receiver on
 * 127.0.0.1 quickly, a subscription to every event type, a stream of writes through the API (students enrolling
 * in a course and paying), and the checks of what a receiver got against the events table.
 */
final class WebhookStreams {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Every event type, by resource prefix. */
    static final List<String> ALL_TYPES = List.of("user.*", "course.*", "lesson.*", "enrollment.*", "lesson_completion.*", "invoice.*",
            "payment.*", "webhook_endpoint.*");

    private WebhookStreams() {
    }

    /**
     * The database settings plus 127.0.0.1 allowed as a webhook target. The worker polls every second (the default
     * campus.webhooks.delivery-interval, and the shortest the Quarkus scheduler supports); once it finds an endpoint
     * due it delivers until none is.
     */
    static Map<String, String> settings(Map<String, String> database) {
        Map<String, String> env = new HashMap<>(database);
        env.put("CAMPUS_WEBHOOKS_ALLOWED_HOSTS", "127.0.0.1");
        return env;
    }

    /** An endpoint and where its cursor started (events after it are its to receive). */
    record Subscription(String id, long cursorTx, UUID cursorId) {
    }

    /** Subscribes the receiver's endpoint {@code name} to every event type (through the app) and gives it the secret. */
    static Subscription subscribe(PackagedApp app, Map<String, String> database, WebhookReceiver receiver, String name) throws Exception {
        HttpResponse<String> created = app.post("/api/v1/webhook-endpoints",
                JSON.writeValueAsString(Map.of("url", receiver.url(name), "eventTypes", ALL_TYPES)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode endpoint = JSON.readTree(created.body());
        receiver.secret(name, endpoint.get("secret").asText());
        String id = endpoint.get("id").asText();
        try (Connection connection = Databases.connect(database);
                PreparedStatement cursor = connection.prepareStatement("select cursor_tx, cursor_id from webhook_endpoints where id = ?")) {
            cursor.setObject(1, UUID.fromString(id));
            try (ResultSet row = cursor.executeQuery()) {
                assertThat(row.next()).isTrue();
                return new Subscription(id, row.getLong(1), (UUID) row.getObject(2));
            }
        }
    }

    /** A published course (with a published lesson) of a new instructor, priced 49.00 EUR; its id. */
    static String publishedCourse(PackagedApp app) throws Exception {
        String instructor = id(app.post("/api/v1/users", "{\"email\":\"hook-instructor-" + UUID.randomUUID()
                + "@example.com\",\"displayName\":\"Instructor\",\"role\":\"instructor\"}"));
        String course = id(app.post("/api/v1/courses", "{\"slug\":\"hooks-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"title\":\"Hooks\",\"instructorId\":\"" + instructor + "\",\"price\":{\"amount\":4900,\"currency\":\"EUR\"}}"));
        id(app.post("/api/v1/courses/" + course + "/lessons", "{\"title\":\"Welcome\",\"durationMinutes\":5,\"published\":true}"));
        HttpResponse<String> published = app.post("/api/v1/courses/" + course + "/publish", null);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        return course;
    }

    /**
     * Three writes: a new student, enrolled in the course, pays the invoice (user.created, enrollment.created,
     * invoice.opened, payment.recorded, invoice.paid, enrollment.activated).
     */
    static void studentEnrollsAndPays(PackagedApp app, String course) throws Exception {
        String student = id(app.post("/api/v1/users", "{\"email\":\"hook-student-" + UUID.randomUUID()
                + "@example.com\",\"displayName\":\"Student\",\"role\":\"student\"}"));
        HttpResponse<String> enrolled = app.post("/api/v1/enrollments", "{\"userId\":\"" + student + "\",\"courseId\":\"" + course + "\"}");
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
        String invoice = JSON.readTree(enrolled.body()).get("invoiceId").asText();
        HttpResponse<String> paid = app.post("/api/v1/invoices/" + invoice + "/pay",
                "{\"paymentReference\":\"psp-" + UUID.randomUUID() + "\",\"amount\":{\"amount\":4900,\"currency\":\"EUR\"}}");
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
    }

    static String id(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asText();
    }

    /** The ids of the events after the subscription's starting cursor, in feed order (tx, id). */
    static List<String> eventsAfter(Map<String, String> database, Subscription subscription) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = Databases.connect(database); PreparedStatement events = connection.prepareStatement(
                "select id from events where (tx, id) > (?, ?) order by tx, id")) {
            events.setLong(1, subscription.cursorTx());
            events.setObject(2, subscription.cursorId());
            try (ResultSet rows = events.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1).toString());
                }
            }
        }
        return ids;
    }

    static long count(Map<String, String> database, String sql) throws SQLException {
        try (Connection connection = Databases.connect(database); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Waits until the receiver's endpoint {@code name} has every event of the events table after its starting cursor
     * (none written in between: the writes are over); the ids it expected, in feed order.
     */
    static List<String> awaitAllDelivered(Map<String, String> database, Subscription subscription, WebhookReceiver receiver, String name,
            Duration timeout, List<PackagedApp> apps) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> expected = eventsAfter(database, subscription);
            Set<String> missing = new HashSet<>(expected);
            receiver.ids(name).forEach(missing::remove);
            if (missing.isEmpty()) {
                return expected;
            }
            if (System.nanoTime() > deadline) {
                StringBuilder logs = new StringBuilder();
                apps.forEach(app -> logs.append(app.logTail(20)).append('\n'));
                throw new AssertionError(missing.size() + " of " + expected.size() + " events not delivered to " + name + " within "
                        + timeout.toSeconds() + " s, e.g. " + missing.iterator().next() + "\n" + logs);
            }
            Thread.sleep(200);
        }
    }

    /**
     * What at least once, in order, signed means for what endpoint {@code name} received: only its events; every
     * signature verifies; the body is the event the webhook-id names, the same for each of its duplicates; and no
     * event arrives before every event ahead of it in feed order has arrived (a redelivery goes back, never skips).
     * Answers how often the stream went back (a request for an event not after the one before it: a redelivered tail).
     */
    static int assertAtLeastOnceInOrder(WebhookReceiver receiver, String name, List<String> expected) throws IOException {
        List<WebhookReceiver.Received> received = receiver.of(name);
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < expected.size(); i++) {
            position.put(expected.get(i), i);
        }
        Map<String, String> bodies = new HashMap<>();
        int highest = -1;
        int previous = -1;
        int wentBack = 0;
        for (int i = 0; i < received.size(); i++) {
            WebhookReceiver.Received request = received.get(i);
            assertThat(request.verified()).as("the signature of request %d (%s)", i, request.id()).isTrue();
            Integer at = position.get(request.id());
            assertThat(at).as("request %d is an event after the endpoint's cursor: %s", i, request.id()).isNotNull();
            assertThat(JSON.readTree(request.body()).get("id").asText()).as("the body of webhook-id " + request.id()).isEqualTo(request.id());
            String earlier = bodies.putIfAbsent(request.id(), request.body());
            if (earlier != null) {
                assertThat(request.body()).as("a duplicate of " + request.id() + " carries the same event").isEqualTo(earlier);
            }
            assertThat(at).as("request %d (event %d of the feed) arrived after every event before it (highest so far %d)", i, at, highest)
                    .isLessThanOrEqualTo(highest + 1);
            if (at <= previous) {
                wentBack++;
            }
            previous = at;
            highest = Math.max(highest, at);
        }
        assertThat(bodies.keySet()).as("every event reached " + name).containsExactlyInAnyOrderElementsOf(expected);
        return wentBack;
    }
}
