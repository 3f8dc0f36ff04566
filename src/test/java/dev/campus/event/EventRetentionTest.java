package dev.campus.event;

import static dev.campus.support.Api.api;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.campus.shared.events.EventIds;
import dev.campus.support.WebhookReceiver;
import dev.campus.webhook.WebhookDeliveryWorker;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Events are kept campus.events.retention (30 days) and then purged by the scheduled job (here every second): older
 * events go, newer ones stay. Replicas purging at the same moment split the work (FOR UPDATE SKIP LOCKED): no error,
 * every old event deleted exactly once, nothing recent touched. An old event an endpoint never received is purged
 * too (its retry window, a day, ended weeks ago): the endpoint is not stuck, it goes on with the next event.
 */
@QuarkusTest
@TestProfile(EventRetentionTest.PurgingEverySecond.class)
class EventRetentionTest {

    static final Duration RETENTION = Duration.ofDays(30);
    static final Duration WAIT = Duration.ofSeconds(20);

    /** The retention job on, every second (tests run with it off); the retention stays the default 30 days. */
    public static class PurgingEverySecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("campus.events.retention-interval", "1s");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EventRetention retention;

    @Inject
    Scheduler scheduler;

    @Inject
    WebhookDeliveryWorker worker;

    @Test
    void theScheduledJobPurgesEventsOlderThanTheRetentionAndKeepsNewerOnes() throws Exception {
        String subject = "/test/retention/" + UUID.randomUUID();
        Instant now = Instant.now();
        List<UUID> old = new ArrayList<>();
        List<UUID> recent = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            for (Duration age : List.of(Duration.ofDays(400), Duration.ofDays(31), RETENTION.plusHours(1))) {
                old.add(insert(connection, subject, now.minus(age)));
            }
            for (Duration age : List.of(RETENTION.minusHours(1), Duration.ofDays(29), Duration.ofDays(1), Duration.ZERO)) {
                recent.add(insert(connection, subject, now.minus(age)));
            }
            connection.commit();
        }

        await("the scheduled job purged the events older than 30 days", () -> countOf(old) == 0);

        assertThat(countOf(recent)).as("events younger than the retention are kept").isEqualTo(recent.size());
        for (UUID kept : recent) {
            api().get("/api/v1/events/{id}", kept).then().statusCode(200);
        }
        api().get("/api/v1/events/{id}", old.get(1)).then().statusCode(404);
    }

    @Test
    void replicasPurgingAtOnceDeleteEachOldEventOnceAndNothingRecent() throws Exception {
        // This test plays the replicas itself, with a cutoff of 15 days, while the scheduled job (paused, but a run
        // may be in progress) keeps its own of 30 days: the test's events (20 and 10 days old) are never the job's,
        // and what the job could take is purged before each round, so the counts below are the replicas' alone.
        scheduler.pause("event-retention");
        try {
            String subject = "/test/retention-race/" + UUID.randomUUID();
            for (int round = 0; round < 3; round++) {
                retention.purgeBefore(Instant.now().minus(RETENTION));
                int oldCount = 4_500;
                insertMany(subject, oldCount, Duration.ofDays(20));
                List<UUID> recent = new ArrayList<>();
                try (Connection connection = dataSource.getConnection()) {
                    for (int i = 0; i < 20; i++) {
                        recent.add(insert(connection, subject, Instant.now().minus(Duration.ofDays(10)).plusSeconds(i)));
                    }
                }
                Instant cutoff = Instant.now().minus(Duration.ofDays(15));
                long oldBefore = countOlderThan(cutoff);
                assertThat(oldBefore).isGreaterThanOrEqualTo(oldCount);

                CyclicBarrier together = new CyclicBarrier(2);
                ExecutorService replicas = Executors.newFixedThreadPool(2);
                List<Integer> deleted = new ArrayList<>();
                try {
                    List<Future<Integer>> purges = new ArrayList<>();
                    for (int replica = 0; replica < 2; replica++) {
                        purges.add(replicas.submit(() -> {
                            together.await(10, TimeUnit.SECONDS);
                            return retention.purgeBefore(cutoff);
                        }));
                    }
                    for (Future<Integer> purge : purges) {
                        deleted.add(purge.get(60, TimeUnit.SECONDS)); // an exception in either replica fails here
                    }
                } finally {
                    replicas.shutdownNow();
                }
                System.out.printf("EventRetentionTest: round %d, the two replicas deleted %s of %d old events%n", round, deleted, oldBefore);

                assertThat(deleted.get(0) + deleted.get(1)).as("each old event deleted once, by one of the replicas").isEqualTo(oldBefore);
                assertThat(countOlderThan(cutoff)).as("old events left").isZero();
                assertThat(countOf(recent)).as("recent events deleted").isEqualTo(recent.size());
            }
        } finally {
            scheduler.resume("event-retention");
        }
    }

    @Test
    void anOldEventAnEndpointNeverReceivedIsPurgedAndTheEndpointGoesOnWithTheNext() throws Exception {
        worker.deliverDue(); // whatever other tests left due
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            var created = api().body(Map.of("url", receiver.url("retention"), "eventTypes", List.of("lesson_completion.*")))
                    .post("/api/v1/webhook-endpoints").then().statusCode(201).extract();
            String endpoint = created.path("id");
            receiver.secret("retention", created.path("secret"));
            try {
                String subject = "/test/retention-undelivered/" + UUID.randomUUID();
                UUID undelivered;
                UUID next;
                try (Connection connection = dataSource.getConnection()) {
                    // written after the endpoint subscribed, so due to it, but (as if the endpoint had been disabled
                    // for weeks) older than the retention by now
                    undelivered = insert(connection, subject, Instant.now().minus(Duration.ofDays(31)));
                    next = insert(connection, subject, Instant.now());
                }

                await("the undelivered old event was purged", () -> countOf(List.of(undelivered)) == 0);
                worker.deliverDue();

                assertThat(receiver.ids("retention")).as("the endpoint received the next event, not the purged one").containsExactly(next.toString());
                assertThat(receiver.received).allSatisfy(received -> assertThat(received.verified()).isTrue());
                var state = api().get("/api/v1/webhook-endpoints/{id}", endpoint).then().statusCode(200).extract();
                assertThat((Boolean) state.path("enabled")).isTrue();
                assertThat((String) state.path("failingSince")).isNull();
            } finally {
                api().delete("/api/v1/webhook-endpoints/{id}", endpoint);
            }
        }
    }

    // ---- helpers ----

    static UUID insert(Connection connection, String subject, Instant occurredAt) throws Exception {
        UUID id = EventIds.next();
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into events (id, type, source, subject, occurred_at, data) values (?, 'lesson_completion.recorded', '/campus', ?, ?, ?::jsonb)")) {
            insert.setObject(1, id);
            insert.setString(2, subject);
            insert.setTimestamp(3, Timestamp.from(occurredAt));
            insert.setString(4, "{\"enrollmentId\": \"" + UUID.randomUUID() + "\", \"lessonId\": \"" + UUID.randomUUID()
                    + "\", \"completedAt\": \"2026-11-29T10:00:00Z\"}");
            insert.executeUpdate();
        }
        return id;
    }

    /** Inserts count events that occurred age ago (give or take a minute), in one transaction. */
    void insertMany(String subject, int count, Duration age) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement("""
                insert into events (id, type, source, subject, occurred_at, data)
                select gen_random_uuid(), 'lesson_completion.recorded', '/campus', ?, ?::timestamptz - (n % 60) * interval '1 second', '{}'::jsonb
                from generate_series(1, ?) n""")) {
            insert.setString(1, subject);
            insert.setTimestamp(2, Timestamp.from(Instant.now().minus(age)));
            insert.setInt(3, count);
            insert.executeUpdate();
        }
    }

    long countOf(List<UUID> ids) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement("select count(*) from events where id = any (?)")) {
            count.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    long countOlderThan(Instant cutoff) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement("select count(*) from events where occurred_at < ?")) {
            count.setTimestamp(1, Timestamp.from(cutoff));
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    interface Check {
        boolean holds() throws Exception;
    }

    static void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
