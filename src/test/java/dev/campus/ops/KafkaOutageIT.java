package dev.campus.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.campus.support.KafkaBroker;

/**
 * The broker stops for 30 s while clients keep writing: every write succeeds, readiness stays UP (it does not
 * depend on the broker), the relay's lag grows and events wait in the outbox, where the retention (8 s here) keeps
 * the unpublished ones however old; once the broker is back the lag drains and every event written is on the topic,
 * in feed order per key.
 */
class KafkaOutageIT {

    static final Duration START_WITHIN = Duration.ofSeconds(60);
    static final Duration OUTAGE = Duration.ofSeconds(30);
    static final Duration DRAINED_WITHIN = Duration.ofSeconds(45);
    static final String TOPIC = "campus.events.outage-it";

    KafkaBroker broker;
    Map<String, String> database;
    PackagedApp app;

    @AfterEach
    void stop() {
        KafkaStreams.stopAll(app == null ? List.of() : List.of(app), broker, database);
    }

    @Test
    void whileTheBrokerIsDownWritesSucceedEventsWaitAndTheLagDrainsAfterwards() throws Exception {
        long begin = System.nanoTime();
        broker = KafkaBroker.start("outage-it");
        broker.createTopic(TOPIC, 3);
        database = Databases.freshDatabase("kafkaoutage");
        Map<String, String> env = new HashMap<>(KafkaStreams.settings(database, broker, TOPIC));
        env.put("CAMPUS_EVENTS_RETENTION", "8s");
        env.put("CAMPUS_EVENTS_RETENTION_INTERVAL", "1s");
        app = PackagedApp.start("kafka-outage", env);
        app.awaitReady(START_WITHIN);
        KafkaStreams.logEveryEvent(database);
        String course = WebhookStreams.publishedCourse(app);

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger writes = new AtomicInteger();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Future<?>> load = new ArrayList<>();
        for (int client = 0; client < 2; client++) {
            load.add(clients.submit(() -> {
                while (writing.get()) {
                    try {
                        WebhookStreams.studentEnrollsAndPays(app, course);
                        writes.addAndGet(3);
                        Thread.sleep(50);
                    } catch (Throwable e) {
                        failures.add(e);
                        return null;
                    }
                }
                return null;
            }));
        }
        try {
            Thread.sleep(3000);
            broker.stop();
            long down = System.nanoTime();
            int ready = 0;
            int checks = 0;
            Map<String, Double> during = Map.of();
            while (System.nanoTime() - down < OUTAGE.toNanos()) {
                checks++;
                ready += app.status("/q/health/ready") == 200 ? 1 : 0;
                during = KafkaStreams.metrics(app);
                Thread.sleep(1000);
            }
            long keptPastRetention = KafkaStreams.count(database, "select count(*) from events e, kafka_relay r where r.topic = '" + TOPIC
                    + "' and (e.tx, e.id) > (r.position_tx, r.position_id) and e.occurred_at < now() - interval '15 seconds'");
            System.out.printf("KafkaOutageIT: broker down %d s, %d writes so far, lag %s events / %s s, %s relay errors, %d unpublished events"
                    + " older than 15 s kept%n", OUTAGE.toSeconds(), writes.get(), during.get("campus_kafka_relay_lag_events"),
                    during.get("campus_kafka_relay_lag_seconds"), during.get("campus_kafka_relay_errors_total"), keptPastRetention);
            assertThat(ready).as("readiness answered 200 throughout the outage").isEqualTo(checks);
            assertThat(failures).as("writes during the outage").isEmpty();
            assertThat(during.get("campus_kafka_relay_lag_events")).as("events wait").isGreaterThan(0);
            assertThat(during.get("campus_kafka_relay_lag_seconds")).as("the oldest waits since the outage began").isGreaterThan(20);
            assertThat(during.get("campus_kafka_relay_errors_total")).as("failed rounds are counted").isGreaterThan(0);
            assertThat(keptPastRetention).as("the retention (8 s) keeps unpublished events").isPositive();

            broker.start();
            Thread.sleep(2000);
        } finally {
            writing.set(false);
            for (Future<?> client : load) {
                client.get(30, TimeUnit.SECONDS);
            }
            clients.shutdownNow();
        }
        assertThat(failures).as("writes after the outage").isEmpty();
        Duration drained = KafkaStreams.awaitNoLag(app, DRAINED_WITHIN);

        LinkedHashMap<String, KafkaStreams.OutboxEvent> written = KafkaStreams.logged(database);
        List<ConsumerRecord<String, byte[]>> records = KafkaStreams.awaitAll(broker, TOPIC, written.keySet(), Duration.ofSeconds(30));
        int duplicates = KafkaStreams.assertEveryEventOnceOrMoreInOrderPerKey(records, written);
        System.out.printf("KafkaOutageIT: %d events written, %d records (%d duplicates), lag drained %d ms after the broker's return, %d ms in all%n",
                written.size(), records.size(), duplicates, drained.toMillis() + 2000, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
    }
}
