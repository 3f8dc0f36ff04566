package dev.campus.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.campus.support.KafkaBroker;

/**
 * Two replicas of the packaged application with the relay on: one leads (the advisory lock), the other waits. The
 * leader is killed (SIGKILL) while events stream to the topic; the other takes over within seconds and publishes
 * from the recorded position; the killed one, restarted, does not take the lead back. Nothing is lost, each key's
 * events stay in feed order, and the duplicates (what was sent but not yet recorded at the kill) are counted.
 */
class KafkaFailoverIT {

    static final Duration START_WITHIN = Duration.ofSeconds(90);
    static final Duration TAKEOVER_WITHIN = Duration.ofSeconds(15);
    static final String TOPIC = "campus.events.failover-it";
    static final int ITERATIONS = 30;

    final List<PackagedApp> replicas = new ArrayList<>();
    KafkaBroker broker;
    Map<String, String> database;

    @AfterEach
    void stop() {
        KafkaStreams.stopAll(replicas, broker, database);
    }

    @Test
    void whenTheLeaderIsKilledMidStreamTheOtherReplicaTakesOverAndNothingIsLost() throws Exception {
        long begin = System.nanoTime();
        broker = KafkaBroker.start("failover-it");
        broker.createTopic(TOPIC, 3);
        database = Databases.freshDatabase("kafkafailover");
        Map<String, String> env = KafkaStreams.settings(database, broker, TOPIC);
        replicas.add(PackagedApp.start("kafka-replica-1", env));
        replicas.add(PackagedApp.start("kafka-replica-2", env));
        for (PackagedApp replica : replicas) {
            replica.awaitReady(START_WITHIN);
        }
        PackagedApp leader = KafkaStreams.awaitOneLeader(replicas, TAKEOVER_WITHIN);
        PackagedApp follower = replicas.get(0) == leader ? replicas.get(1) : replicas.get(0);
        Thread.sleep(1500);
        assertThat(KafkaStreams.leads(follower)).as("the other replica does not lead").isFalse();

        String course = WebhookStreams.publishedCourse(follower);
        ExecutorService client = Executors.newSingleThreadExecutor();
        Future<?> load = client.submit(() -> {
            for (int i = 0; i < ITERATIONS; i++) {
                WebhookStreams.studentEnrollsAndPays(follower, course);
            }
            return null;
        });
        try {
            // kill the leader once it has published part of the stream
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (KafkaStreams.metrics(leader).getOrDefault("campus_kafka_relay_published_total", 0.0) < 40 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            leader.process.destroyForcibly();
            assertThat(leader.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            long killed = System.nanoTime();
            PackagedApp next = KafkaStreams.awaitOneLeader(List.of(follower), TAKEOVER_WITHIN);
            long tookOver = System.nanoTime() - killed;
            assertThat(next).isSameAs(follower);
            load.get(120, TimeUnit.SECONDS);

            PackagedApp restarted = PackagedApp.start("kafka-replica-restarted", env);
            replicas.add(restarted);
            restarted.awaitReady(START_WITHIN);
            Thread.sleep(2500);
            assertThat(KafkaStreams.leads(restarted)).as("the restarted replica does not take the lead back").isFalse();
            assertThat(KafkaStreams.leads(follower)).as("the replica that took over still leads").isTrue();

            KafkaStreams.awaitNoLag(follower, Duration.ofSeconds(30));
            LinkedHashMap<String, KafkaStreams.OutboxEvent> outbox = KafkaStreams.outbox(database);
            List<ConsumerRecord<String, byte[]>> records = KafkaStreams.awaitAll(broker, TOPIC, outbox.keySet(), Duration.ofSeconds(30));
            int duplicates = KafkaStreams.assertEveryEventOnceOrMoreInOrderPerKey(records, outbox);
            System.out.printf("KafkaFailoverIT: leader killed mid-stream, the other took over in %d ms; %d events, %d records (%d duplicates), %d ms in all%n",
                    TimeUnit.NANOSECONDS.toMillis(tookOver), outbox.size(), records.size(), duplicates,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
            assertThat(duplicates).as("duplicates: at most the batch in flight at the kill").isLessThanOrEqualTo(500);
        } finally {
            client.shutdownNow();
        }
    }
}
