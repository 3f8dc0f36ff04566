package dev.campus.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.campus.support.WebhookReceiver;

/**
 * Three replicas of the packaged application on one database, each running the delivery worker, under write load
 * spread over all three: each of two endpoints receives every event after its subscription, in feed order, signed,
 * duplicates only with the same webhook-id, and never two requests at once (the endpoint's row lock, FOR UPDATE
 * SKIP LOCKED, keeps the replicas' workers from delivering to one endpoint concurrently).
 */
class WebhookReplicasIT {

    static final int REPLICAS = 3;
    static final int CLIENTS = 4;
    /** Each iteration is three writes (a student, an enrollment, a payment): 240 writes in all. */
    static final int ITERATIONS_PER_CLIENT = 20;
    static final Duration START_WITHIN = Duration.ofSeconds(90);
    static final Duration DELIVERED_WITHIN = Duration.ofSeconds(60);
    static final List<String> ENDPOINTS = List.of("a", "b");

    final List<PackagedApp> replicas = new ArrayList<>();
    Map<String, String> database;
    WebhookReceiver receiver;

    @AfterEach
    void stop() {
        replicas.forEach(replica -> replica.process.destroy()); // SIGTERM to all, so their graceful shutdowns overlap
        replicas.forEach(PackagedApp::close);
        if (receiver != null) {
            receiver.close();
        }
        Databases.drop(database);
    }

    @Test
    void underWriteLoadOnThreeReplicasEachEventReachesEachEndpointOnceInOrder() throws Exception {
        long begin = System.nanoTime();
        database = Databases.freshDatabase("hookreplicas");
        Map<String, String> env = WebhookStreams.settings(database);
        receiver = new WebhookReceiver();
        receiver.delay = Duration.ofMillis(5);

        for (int i = 1; i <= REPLICAS; i++) {
            replicas.add(PackagedApp.start("webhook-replica-" + i, env)); // together, as a rollout (ReplicasStartTogetherIT)
        }
        for (PackagedApp replica : replicas) {
            replica.awaitReady(START_WITHIN);
        }
        PackagedApp first = replicas.get(0);
        long ready = System.nanoTime();

        List<WebhookStreams.Subscription> subscriptions = new ArrayList<>();
        for (String name : ENDPOINTS) {
            subscriptions.add(WebhookStreams.subscribe(first, database, receiver, name));
        }
        String course = WebhookStreams.publishedCourse(first);

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> load = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int offset = client;
                load.add(clients.submit(() -> {
                    for (int i = 0; i < ITERATIONS_PER_CLIENT; i++) {
                        WebhookStreams.studentEnrollsAndPays(replicas.get((offset + i) % REPLICAS), course);
                    }
                    return null;
                }));
            }
            for (Future<?> client : load) {
                client.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        long written = System.nanoTime();

        for (int i = 0; i < ENDPOINTS.size(); i++) {
            String name = ENDPOINTS.get(i);
            List<String> expected = WebhookStreams.awaitAllDelivered(database, subscriptions.get(i), receiver, name, DELIVERED_WITHIN, replicas);
            int wentBack = WebhookStreams.assertAtLeastOnceInOrder(receiver, name, expected);
            int requests = receiver.of(name).size();
            System.out.printf("WebhookReplicasIT: endpoint %s got %d events in %d requests (went back %d time(s))%n", name, expected.size(),
                    requests, wentBack);
            assertThat(expected).as("the load's events").hasSizeGreaterThanOrEqualTo(CLIENTS * ITERATIONS_PER_CLIENT * 6);
        }
        System.out.printf("WebhookReplicasIT: replicas ready in %d ms, %d writes in %d ms, all delivered %d ms after the last write, %d ms in all%n",
                TimeUnit.NANOSECONDS.toMillis(ready - begin), CLIENTS * ITERATIONS_PER_CLIENT * 3, TimeUnit.NANOSECONDS.toMillis(written - ready),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - written), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));

        assertThat(receiver.overlappingPerPath).as("requests that arrived while another one to the same endpoint was being answered").isEmpty();
        assertThat(receiver.overlappingPerId).as("an event delivered twice at the same time").isEmpty();
        for (PackagedApp replica : replicas) {
            assertThat(replica.process.isAlive()).as(replica.name + " is running\n" + replica.logTail(30)).isTrue();
            assertThat(replica.log()).as(replica.name + " logged no error\n" + replica.logTail(40)).doesNotContain("\"level\":\"ERROR\"");
        }
        assertThat(WebhookStreams.count(database, "select count(*) from webhook_endpoints where enabled and failing_since is null"))
                .as("both endpoints healthy").isEqualTo(ENDPOINTS.size());
    }
}
