package dev.campus.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;

import dev.campus.event.EventCatalog;
import dev.campus.observability.GrafanaDashboardTest;
import dev.campus.shared.events.EventIds;
import dev.campus.support.KafkaBroker;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;

/**
 * The packaged application with the Kafka relay on, against a real broker (KafkaBroker): every kind of change the
 * API makes reaches the topic as a CloudEvent in the binary mode of the Kafka protocol binding, keyed by subject,
 * with the feed's attributes and data (valid against the OpenAPI schema of its type) and its feed position; under
 * concurrent writes each key's events keep the feed's order; an event of a transaction that commits after later
 * ones is published all the same, and nothing after it is published before it; a consumer of the topic and a
 * consumer of the feed see the same event ids, as many as the outbox holds. The two types no request makes come
 * from the app's own timers, made quick by its settings: an invoice left unpaid expires after a short payment window
 * (invoice.expired) and an endpoint whose deliveries fail for a short retry window is disabled
 * (webhook_endpoint.disabled). Every type of the catalogue, as the served OpenAPI document enumerates it, must arrive.
 */
class KafkaRelayIT {

    static final Duration START_WITHIN = Duration.ofSeconds(60);
    static final Duration PUBLISHED_WITHIN = Duration.ofSeconds(30);
    /** The types no API request makes: the payment window's expiry and a webhook endpoint's disabling (timers). */
    static final Set<String> TIMER_TYPES = Set.of("invoice.expired", EventCatalog.WEBHOOK_ENDPOINT_DISABLED);
    /**
     * Invoices are due this long after they are opened: longer than any enroll-then-pay of the test takes (the
     * client's request timeout is 15 s, each pay follows its enrollment at once), short enough that the one left
     * unpaid expires while the other changes are made. The expiry job runs every second.
     */
    static final String PAYMENT_WINDOW = "10s";
    /** An endpoint failing this long is disabled (at its second or third attempt, the worker polling every second). */
    static final String RETRY_WINDOW = "1s";
    static final Duration TIMERS_WITHIN = Duration.ofSeconds(30);

    static KafkaBroker broker;
    static Map<String, String> database;
    static PackagedApp app;
    static final String TOPIC = "campus.events.relay-it";

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.start("relay-it");
        broker.createTopic(TOPIC, 3);
        database = Databases.freshDatabase("kafkarelay");
        Map<String, String> settings = KafkaStreams.settings(database, broker, TOPIC);
        settings.put("CAMPUS_BILLING_PAYMENT_WINDOW", PAYMENT_WINDOW);
        settings.put("CAMPUS_BILLING_EXPIRY_INTERVAL", "1s");
        settings.put("CAMPUS_WEBHOOKS_RETRY_WINDOW", RETRY_WINDOW);
        settings.put("CAMPUS_WEBHOOKS_ALLOWED_HOSTS", "127.0.0.1");
        app = PackagedApp.start("kafka-relay", settings);
        app.awaitReady(START_WITHIN);
    }

    @AfterAll
    static void stop() {
        KafkaStreams.stopAll(app == null ? List.of() : List.of(app), broker, database);
    }

    @Test
    void everyChangeIsACloudEventKeyedBySubjectWithTheFeedsAttributesAndValidData() throws Exception {
        long start = System.nanoTime();
        timersDue();
        everyKindOfChange();
        concurrentWrites();
        Duration timers = awaitTimerEvents(start);

        LinkedHashMap<String, KafkaStreams.OutboxEvent> outbox = KafkaStreams.outbox(database);
        List<ConsumerRecord<String, byte[]>> records = KafkaStreams.awaitAll(broker, TOPIC, outbox.keySet(), PUBLISHED_WITHIN);
        int duplicates = KafkaStreams.assertEveryEventOnceOrMoreInOrderPerKey(records, outbox);

        OpenAPI contract = new OpenAPIV3Parser().readContents(app.get("/q/openapi?format=json").body()).getOpenAPI();
        SchemaValidator validator = new SchemaValidator(contract, new MessageResolver());
        Set<String> types = new TreeSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            KafkaStreams.OutboxEvent event = outbox.get(KafkaStreams.id(record));
            types.add(event.type());
            assertThat(KafkaBroker.header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(KafkaBroker.header(record, "ce_type")).isEqualTo(event.type());
            assertThat(KafkaBroker.header(record, "ce_source")).isEqualTo(event.source()).isEqualTo("/campus");
            assertThat(KafkaBroker.header(record, "ce_subject")).isEqualTo(event.subject());
            assertThat(Instant.parse(KafkaBroker.header(record, "ce_time"))).as("ce_time of " + event.id())
                    .isEqualTo(Instant.parse(event.time() + "Z"));
            assertThat(KafkaBroker.header(record, "ce_position")).isEqualTo(String.format("%020d-%s", event.tx(), event.id()));
            assertThat(KafkaBroker.header(record, "content-type")).isEqualTo("application/json");
            assertThat(KafkaBroker.header(record, "traceparent")).as("the send's trace context").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
            JsonNode data = KafkaStreams.JSON.readTree(new String(record.value(), StandardCharsets.UTF_8));
            assertThat(data).as("the data of " + event.id()).isEqualTo(event.data());
            String schema = EventCatalog.schemas().get(event.type());
            ValidationReport report = validator.validate(data.toString(), contract.getComponents().getSchemas().get(schema), "data");
            assertThat(report.getMessages()).as(event.type() + " data against the schema " + schema).isEmpty();
        }
        Schema<?> event = contract.getComponents().getSchemas().get("Event");
        List<?> documented = event.getProperties().get("type").getEnum();
        Set<String> catalogue = new TreeSet<>();
        documented.forEach(type -> catalogue.add(type.toString()));
        assertThat(catalogue).as("the event types the served OpenAPI document enumerates").isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(EventCatalog.types());
        assertThat(types).as("every event type of the catalogue arrived on the topic").containsAll(catalogue);

        assertThat(feed()).as("a consumer of the feed sees the same events").containsExactlyInAnyOrderElementsOf(outbox.keySet());
        System.out.printf("KafkaRelayIT: %d events of %d types (catalogue: %d), %d records (%d duplicates); timer events in the outbox %.1f s after the test began%n",
                outbox.size(), types.size(), catalogue.size(), records.size(), duplicates, timers.toMillis() / 1000.0);
    }

    /**
     * A transaction holds an event open while later ones commit: the later events are not published before it (the
     * feed's rule), and once it commits its event is published, ahead of them in its key's order.
     */
    @Test
    void anEventCommittedAfterLaterOnesIsStillPublishedAndFirst() throws Exception {
        // events about a real user, carrying its representation, as the outbox would write them
        String user = WebhookStreams.id(app.post("/api/v1/users", user("student")));
        String subject = "/api/v1/users/" + user;
        String data = app.get(subject).body();
        UUID held = EventIds.next();
        try (Connection late = Databases.connect(database)) {
            late.setAutoCommit(false);
            insert(late, held, subject, data);
            Set<String> later = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                UUID id = EventIds.next();
                try (Connection connection = Databases.connect(database)) {
                    insert(connection, id, subject, data);
                }
                later.add(id.toString());
            }
            String course = WebhookStreams.publishedCourse(app); // and writes through the API meanwhile
            Thread.sleep(1500);
            Set<String> onTopic = ids(broker.read(TOPIC, Duration.ofMillis(1500), Duration.ofSeconds(10), records -> false));
            assertThat(onTopic).as("nothing written after the open transaction is published before it commits").doesNotContainAnyElementsOf(later);
            assertThat(course).isNotNull();
            late.commit();
        }
        LinkedHashMap<String, KafkaStreams.OutboxEvent> outbox = KafkaStreams.outbox(database);
        List<ConsumerRecord<String, byte[]>> records = KafkaStreams.awaitAll(broker, TOPIC, outbox.keySet(), PUBLISHED_WITHIN);
        KafkaStreams.assertEveryEventOnceOrMoreInOrderPerKey(records, outbox);
        List<String> ofSubject = records.stream().filter(record -> record.key().equals(subject)).map(KafkaStreams::id).distinct().toList();
        assertThat(ofSubject.get(1)).as("the late-committed event comes right after the user's creation in its key's order").isEqualTo(held.toString());
    }

    /** The dashboard's relay panels query what a relay-on replica exports (GrafanaDashboardTest checks the rest). */
    @Test
    void theDashboardsRelayMetricsAreExportedWhenTheRelayIsOn() throws Exception {
        Map<String, Set<String>> exported = GrafanaDashboardTest.labelsByMetric(KafkaStreams.exposition(app));
        Set<String> named = new TreeSet<>();
        for (String query : GrafanaDashboardTest.queries(KafkaStreams.JSON.readTree(GrafanaDashboardTest.DASHBOARD.toFile()))) {
            var selector = GrafanaDashboardTest.SELECTOR.matcher(query);
            while (selector.find()) {
                String metric = selector.group(1) != null ? selector.group(1) : selector.group(3);
                if (metric.startsWith(GrafanaDashboardTest.OPT_IN_PREFIX)) {
                    named.add(metric);
                }
            }
        }
        assertThat(named).as("the dashboard shows the relay's lag").contains("campus_kafka_relay_lag_seconds");
        assertThat(exported.keySet()).as("exported by the relay").containsAll(named);
    }

    static void insert(Connection connection, UUID id, String subject, String data) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into events (id, type, source, subject, occurred_at, data) values (?, 'user.updated', '/campus', ?, ?, ?::jsonb)")) {
            insert.setObject(1, id);
            insert.setString(2, subject);
            insert.setTimestamp(3, Timestamp.from(Instant.now()));
            insert.setString(4, data);
            insert.executeUpdate();
        }
    }

    static Set<String> ids(List<ConsumerRecord<String, byte[]>> records) {
        Set<String> ids = new HashSet<>();
        records.forEach(record -> ids.add(KafkaStreams.id(record)));
        return ids;
    }

    /** Every event id of the feed, paging through it from the start. */
    static List<String> feed() throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        while (true) {
            JsonNode page = KafkaStreams.JSON.readTree(app.get("/api/v1/events?limit=100" + (cursor == null ? "" : "&cursor=" + cursor)).body());
            page.get("items").forEach(item -> ids.add(item.get("id").asText()));
            if (page.get("items").isEmpty()) {
                return ids;
            }
            cursor = java.net.URLEncoder.encode(page.get("nextCursor").asText(), StandardCharsets.UTF_8);
        }
    }

    /**
     * What the app's timers act on while the rest is written: an enrollment whose invoice is left unpaid (expired
     * after the payment window: invoice.expired, with enrollment.cancelled) and a webhook endpoint whose every
     * delivery is refused (nothing listens on its port; disabled after the retry window: webhook_endpoint.disabled).
     */
    static void timersDue() throws Exception {
        String course = WebhookStreams.publishedCourse(app);
        String student = WebhookStreams.id(app.post("/api/v1/users", user("student")));
        expect(201, app.post("/api/v1/enrollments", enrollment(student, course)));
        String refused = "http://127.0.0.1:" + PackagedApp.freePort() + "/hooks";
        expect(201, app.post("/api/v1/webhook-endpoints", KafkaStreams.JSON.writeValueAsString(Map.of("url", refused, "eventTypes", List.of("user.*")))));
    }

    /** Waits until the outbox holds an event of each timer type; how long after {@code start} (System.nanoTime) that was. */
    static Duration awaitTimerEvents(long start) throws Exception {
        String types = String.join("','", TIMER_TYPES);
        long deadline = System.nanoTime() + TIMERS_WITHIN.toNanos();
        while (KafkaStreams.count(database, "select count(distinct type) from events where type in ('" + types + "')") < TIMER_TYPES.size()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no event of each timer type ('" + types + "') within " + TIMERS_WITHIN.toSeconds() + " s\n" + app.logTail(30));
            }
            Thread.sleep(250);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** One request of each kind that writes: every event type but those of timers. */
    static void everyKindOfChange() throws Exception {
        String instructor = WebhookStreams.id(app.post("/api/v1/users", user("instructor")));
        String gone = WebhookStreams.id(app.post("/api/v1/users", user("student")));
        expect(200, KafkaStreams.send(app, "PATCH", "/api/v1/users/" + gone, "{\"displayName\":\"Renamed\"}", "application/merge-patch+json"));
        expect(204, app.send("DELETE", "/api/v1/users/" + gone, null, Duration.ofSeconds(15)));

        String course = WebhookStreams.id(app.post("/api/v1/courses", "{\"slug\":\"k-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"title\":\"Kafka\",\"instructorId\":\"" + instructor + "\",\"price\":{\"amount\":4900,\"currency\":\"EUR\"}}"));
        expect(200, KafkaStreams.send(app, "PATCH", "/api/v1/courses/" + course, "{\"title\":\"Kafka, retitled\"}", "application/merge-patch+json"));
        String lessons = "/api/v1/courses/" + course + "/lessons";
        String first = WebhookStreams.id(app.post(lessons, "{\"title\":\"One\",\"durationMinutes\":5,\"published\":true}"));
        String second = WebhookStreams.id(app.post(lessons, "{\"title\":\"Two\",\"durationMinutes\":5,\"published\":true}"));
        String third = WebhookStreams.id(app.post(lessons, "{\"title\":\"Three\",\"durationMinutes\":5,\"published\":false}"));
        expect(200, KafkaStreams.send(app, "PATCH", lessons + "/" + second, "{\"title\":\"Two, retitled\"}", "application/merge-patch+json"));
        expect(204, app.send("DELETE", lessons + "/" + third, null, Duration.ofSeconds(15)));
        expect(200, app.post(lessons + "/reorder", "{\"lessonIds\":[\"" + second + "\",\"" + first + "\"]}"));
        expect(200, app.post("/api/v1/courses/" + course + "/publish", null));

        // paid, learning: completes a lesson, takes it back, completes both (the enrollment completes)
        String[] paid = enrollAndPay(course);
        String enrollment = "/api/v1/enrollments/" + paid[0];
        expect(200, app.send("PUT", enrollment + "/lessons/" + first + "/completion", null, Duration.ofSeconds(15)));
        expect(200, app.send("DELETE", enrollment + "/lessons/" + first + "/completion", null, Duration.ofSeconds(15)));
        expect(200, app.send("PUT", enrollment + "/lessons/" + first + "/completion", null, Duration.ofSeconds(15)));
        expect(200, app.send("PUT", enrollment + "/lessons/" + second + "/completion", null, Duration.ofSeconds(15)));
        // unpaid, its invoice voided; paid, then refunded; pending, cancelled
        String student = WebhookStreams.id(app.post("/api/v1/users", user("student")));
        JsonNode voided = KafkaStreams.JSON.readTree(expect(201, app.post("/api/v1/enrollments", enrollment(student, course))).body());
        expect(200, app.post("/api/v1/invoices/" + voided.get("invoiceId").asText() + "/void", null));
        String[] refunded = enrollAndPay(course);
        expect(200, app.post("/api/v1/invoices/" + refunded[1] + "/refund", null));
        String another = WebhookStreams.id(app.post("/api/v1/users", user("student")));
        JsonNode pending = KafkaStreams.JSON.readTree(expect(201, app.post("/api/v1/enrollments", enrollment(another, course))).body());
        expect(200, app.post("/api/v1/enrollments/" + pending.get("id").asText() + "/cancel", null));

        expect(200, app.post("/api/v1/courses/" + course + "/archive", null));
        String draft = WebhookStreams.id(app.post("/api/v1/courses", "{\"slug\":\"d-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"title\":\"Draft\",\"instructorId\":\"" + instructor + "\",\"price\":{\"amount\":0,\"currency\":\"EUR\"}}"));
        expect(204, app.send("DELETE", "/api/v1/courses/" + draft, null, Duration.ofSeconds(15)));
    }

    /** Four clients enrolling students in one course and paying at once: many keys, several events per key. */
    static void concurrentWrites() throws Exception {
        String course = WebhookStreams.publishedCourse(app);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> load = new ArrayList<>();
            for (int client = 0; client < 4; client++) {
                load.add(clients.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        WebhookStreams.studentEnrollsAndPays(app, course);
                    }
                    return null;
                }));
            }
            for (Future<?> client : load) {
                client.get(120, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    static String[] enrollAndPay(String course) throws Exception {
        String student = WebhookStreams.id(app.post("/api/v1/users", user("student")));
        JsonNode enrolled = KafkaStreams.JSON.readTree(expect(201, app.post("/api/v1/enrollments", enrollment(student, course))).body());
        String invoice = enrolled.get("invoiceId").asText();
        expect(200, app.post("/api/v1/invoices/" + invoice + "/pay", "{\"paymentReference\":\"psp-" + UUID.randomUUID()
                + "\",\"amount\":{\"amount\":4900,\"currency\":\"EUR\"}}"));
        return new String[] { enrolled.get("id").asText(), invoice };
    }

    static String user(String role) {
        return "{\"email\":\"kafka-" + UUID.randomUUID() + "@example.com\",\"displayName\":\"K\",\"role\":\"" + role + "\"}";
    }

    static String enrollment(String student, String course) {
        return "{\"userId\":\"" + student + "\",\"courseId\":\"" + course + "\"}";
    }

    static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.request().method() + " " + response.request().uri() + ": " + response.body()).isEqualTo(status);
        return response;
    }
}
