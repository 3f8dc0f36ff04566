package dev.campus.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.campus.support.KafkaBroker;

/**
 * What the Kafka relay's *IT tests share: the settings that turn the relay on, the outbox as the database holds it,
 * what a consumer of the topic read, and the checks of one against the other (every event, at least once, in feed
 * order per key), plus the relay's metrics as the management port serves them.
 */
final class KafkaStreams {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern METRIC = Pattern.compile("^(campus_kafka_relay_[a-z_]+)(\\{[^}]*\\})? ([0-9.eE+-]+|NaN)$", Pattern.MULTILINE);

    private KafkaStreams() {
    }

    /** The database settings plus the relay on, publishing to this broker and topic. */
    static Map<String, String> settings(Map<String, String> database, KafkaBroker broker, String topic) {
        Map<String, String> env = new HashMap<>(database);
        env.put("CAMPUS_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("CAMPUS_KAFKA_TOPIC", topic);
        return env;
    }

    /** Stops what a test started, whatever of it there is: the replicas (SIGTERM to all at once), the broker, the database. */
    static void stopAll(List<PackagedApp> replicas, KafkaBroker broker, Map<String, String> database) {
        replicas.forEach(replica -> replica.process.destroy());
        replicas.forEach(PackagedApp::close);
        if (broker != null) {
            broker.close();
        }
        Databases.drop(database);
    }

    /** One event of the outbox. */
    record OutboxEvent(String id, long tx, String type, String source, String subject, String time, JsonNode data) {
    }

    /** The outbox in feed order (tx, id), by id. */
    static LinkedHashMap<String, OutboxEvent> outbox(Map<String, String> database) throws Exception {
        LinkedHashMap<String, OutboxEvent> events = new LinkedHashMap<>();
        try (Connection connection = Databases.connect(database); PreparedStatement select = connection.prepareStatement(
                "select id, tx, type, source, subject, to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), data::text"
                        + " from events order by tx, id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                events.put(rows.getString(1), new OutboxEvent(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getString(4),
                        rows.getString(5), rows.getString(6), JSON.readTree(rows.getString(7))));
            }
        }
        return events;
    }

    /**
     * Records the id, transaction and subject of every event inserted from now on in a table of the test's own
     * (event_log, by a trigger), so that the test knows every event written even after the retention deleted it.
     */
    static void logEveryEvent(Map<String, String> database) throws SQLException {
        try (Connection connection = Databases.connect(database); var statement = connection.createStatement()) {
            statement.execute("""
                    create table event_log (id uuid primary key, tx bigint not null, subject varchar(300) not null);
                    create function log_event() returns trigger language plpgsql as $$
                        begin insert into event_log values (new.id, new.tx, new.subject); return new; end $$;
                    create trigger log_event after insert on events for each row execute function log_event();
                    """);
        }
    }

    /** Every event the log recorded, in feed order (only id and subject known). */
    static LinkedHashMap<String, OutboxEvent> logged(Map<String, String> database) throws Exception {
        LinkedHashMap<String, OutboxEvent> events = new LinkedHashMap<>();
        try (Connection connection = Databases.connect(database);
                PreparedStatement select = connection.prepareStatement("select id, tx, subject from event_log order by tx, id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                events.put(rows.getString(1), new OutboxEvent(rows.getString(1), rows.getLong(2), null, null, rows.getString(3), null, null));
            }
        }
        return events;
    }

    static long count(Map<String, String> database, String sql) throws SQLException {
        return WebhookStreams.count(database, sql);
    }

    /** The CloudEvents id of a record. */
    static String id(ConsumerRecord<String, byte[]> record) {
        return KafkaBroker.header(record, "ce_id");
    }

    /** Reads the topic until every id of {@code expected} is there (or the timeout); what was read. */
    static List<ConsumerRecord<String, byte[]>> awaitAll(KafkaBroker broker, String topic, Set<String> expected, Duration timeout) {
        return broker.read(topic, Duration.ZERO, timeout, records -> {
            Set<String> seen = new HashSet<>();
            records.forEach(record -> seen.add(id(record)));
            return seen.containsAll(expected);
        });
    }

    /**
     * At least once, in feed order per key: every outbox event is on the topic and nothing else is; each record is
     * keyed by its subject; and for each key, the events in the order they first appear on the topic are exactly that
     * subject's events in feed order (a repeat, after a failure, comes after its first appearance and changes
     * nothing). Answers the number of duplicate records.
     */
    static int assertEveryEventOnceOrMoreInOrderPerKey(List<ConsumerRecord<String, byte[]>> records, LinkedHashMap<String, OutboxEvent> outbox) {
        Map<String, List<String>> expected = new HashMap<>();
        outbox.values().forEach(event -> expected.computeIfAbsent(event.subject(), key -> new ArrayList<>()).add(event.id()));
        Map<String, List<String>> firstSeen = new HashMap<>();
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            String id = id(record);
            OutboxEvent event = outbox.get(id);
            assertThat(event).as("record %s is an event of the outbox", id).isNotNull();
            assertThat(record.key()).as("the key of " + id).isEqualTo(event.subject());
            if (seen.add(id)) {
                firstSeen.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(id);
            } else {
                duplicates++;
            }
        }
        assertThat(seen).as("distinct event ids on the topic are the outbox's").containsExactlyInAnyOrderElementsOf(outbox.keySet());
        assertThat(firstSeen).as("per key, the events in feed order").isEqualTo(expected);
        return duplicates;
    }

    /** A request with the admin token and this content type. */
    static HttpResponse<String> send(PackagedApp app, String method, String path, String body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(15)).header("Accept", "application/json")
                .header("Authorization", "Bearer " + dev.campus.support.Tokens.admin());
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return PackagedApp.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** /q/metrics of the replica in the Prometheus text format. */
    static String exposition(PackagedApp app) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(app.uri("/q/metrics")).timeout(Duration.ofSeconds(10)).header("Accept", "text/plain").GET().build();
        return PackagedApp.HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The relay's metrics on this replica, by name (campus_kafka_relay_*), summed over labels. */
    static Map<String, Double> metrics(PackagedApp app) throws Exception {
        String text = exposition(app);
        Map<String, Double> metrics = new HashMap<>();
        Matcher line = METRIC.matcher(text);
        while (line.find()) {
            double value = "NaN".equals(line.group(3)) ? Double.NaN : Double.parseDouble(line.group(3));
            metrics.merge(line.group(1), value, Double::sum);
        }
        return metrics;
    }

    /** Whether the replica leads the relay (its campus_kafka_relay_leader gauge is 1); false when it does not answer. */
    static boolean leads(PackagedApp app) {
        try {
            return metrics(app).getOrDefault("campus_kafka_relay_leader", 0.0) == 1.0;
        } catch (Exception e) {
            return false;
        }
    }

    /** Waits until exactly one of the replicas leads; it. */
    static PackagedApp awaitOneLeader(List<PackagedApp> replicas, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<PackagedApp> leaders = replicas.stream().filter(app -> app.process.isAlive() && leads(app)).toList();
            if (leaders.size() == 1) {
                return leaders.get(0);
            }
            assertThat(leaders).as("at most one replica leads").hasSizeLessThanOrEqualTo(1);
            Thread.sleep(200);
        }
        throw new AssertionError("no replica leads the relay within " + timeout.toSeconds() + " s");
    }

    /** Waits until the replica reports no lag (every event acknowledged); how long it took. */
    static Duration awaitNoLag(PackagedApp app, Duration timeout) throws Exception {
        long start = System.nanoTime();
        while (System.nanoTime() - start < timeout.toNanos()) {
            Map<String, Double> metrics = metrics(app);
            if (metrics.getOrDefault("campus_kafka_relay_lag_events", -1.0) == 0.0) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the relay's lag did not drain within " + timeout.toSeconds() + " s: " + metrics(app) + "\n" + app.logTail(30));
    }
}
