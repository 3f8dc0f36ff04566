package dev.campus.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.campus.support.WebhookReceiver;

/**
 * Kill -9 of the packaged application while it delivers webhooks to a slow receiver, then a restart on the same
 * database: every event after the endpoint's subscription still reaches the receiver (at least once; the request
 * cut off by the kill comes again with the same webhook-id), in feed order apart from that redelivered tail, and
 * every signature verifies.
 */
class WebhookCrashIT {

    static final Duration START_WITHIN = Duration.ofSeconds(60);
    static final Duration DELIVERED_WITHIN = Duration.ofSeconds(45);
    static final Duration SLOW_RECEIVER = Duration.ofMillis(60);
    static final int WRITES_BEFORE_KILL = 15;
    static final int WRITES_AFTER_RESTART = 5;

    final List<PackagedApp> apps = new ArrayList<>();
    Map<String, String> database;
    WebhookReceiver receiver;

    @AfterEach
    void stop() {
        apps.forEach(PackagedApp::close);
        if (receiver != null) {
            receiver.close();
        }
        Databases.drop(database);
    }

    @Test
    void afterAKillDuringDeliveriesAndARestartEveryEventIsDeliveredInOrderWithItsId() throws Exception {
        long begin = System.nanoTime();
        database = Databases.freshDatabase("hookcrash");
        Map<String, String> env = WebhookStreams.settings(database);
        receiver = new WebhookReceiver();
        receiver.delay = SLOW_RECEIVER;

        PackagedApp first = PackagedApp.start("webhook-crash-1", env);
        apps.add(first);
        first.awaitReady(START_WITHIN);
        WebhookStreams.Subscription subscription = WebhookStreams.subscribe(first, database, receiver, "all");
        String course = WebhookStreams.publishedCourse(first);
        for (int i = 0; i < WRITES_BEFORE_KILL; i++) {
            WebhookStreams.studentEnrollsAndPays(first, course);
        }
        int written = WebhookStreams.eventsAfter(database, subscription).size();

        // The next request to arrive is held by the receiver until the process that sent it is dead.
        int killAt = receiver.of("all").size() + 3;
        AtomicReference<String> cutOff = new AtomicReference<>();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch killed = new CountDownLatch(1);
        receiver.onArrival = request -> {
            if (receiver.of("all").size() >= killAt && cutOff.compareAndSet(null, request.id())) {
                holding.countDown();
                try {
                    killed.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        assertThat(holding.await(20, TimeUnit.SECONDS)).as("a delivery arrives after the writes\n" + first.logTail(30)).isTrue();
        first.process.destroyForcibly(); // SIGKILL: no shutdown hook, no commit of the attempt in flight
        assertThat(first.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        killed.countDown();
        int receivedBeforeKill = receiver.of("all").size();
        System.out.printf("WebhookCrashIT: killed with %d of %d events' requests received, the one in flight: %s%n", receivedBeforeKill,
                written, cutOff.get());
        assertThat(receivedBeforeKill).as("the kill lands in the middle of the deliveries").isLessThan(written);

        PackagedApp second = PackagedApp.start("webhook-crash-2", env);
        apps.add(second);
        second.awaitReady(START_WITHIN);
        for (int i = 0; i < WRITES_AFTER_RESTART; i++) {
            WebhookStreams.studentEnrollsAndPays(second, course);
        }

        List<String> expected = WebhookStreams.awaitAllDelivered(database, subscription, receiver, "all", DELIVERED_WITHIN, apps);
        List<WebhookReceiver.Received> received = receiver.of("all");
        int wentBack = WebhookStreams.assertAtLeastOnceInOrder(receiver, "all", expected);
        List<String> afterRestart = received.subList(receivedBeforeKill, received.size()).stream().map(WebhookReceiver.Received::id).toList();
        System.out.printf("WebhookCrashIT: %d events, %d requests (%d after the restart, %d duplicates), went back %d time(s), %d ms in all%n",
                expected.size(), received.size(), afterRestart.size(), received.size() - expected.size(), wentBack,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));

        assertThat(afterRestart).as("the restarted application delivers what the killed one had not").isNotEmpty();
        assertThat(afterRestart).as("the request cut off by the kill is sent again, with the same webhook-id").contains(cutOff.get());
        assertThat(wentBack).as("only the tail in flight at the kill is sent again").isLessThanOrEqualTo(1);
        assertThat(received.size() - expected.size()).as("duplicates: only what was in flight at the kill").isLessThanOrEqualTo(1);
        assertThat(receiver.overlappingPerPath).as("one request at a time to the endpoint").isEmpty();
        assertThat(WebhookStreams.count(database, "select count(*) from webhook_endpoints where enabled and failing_since is null"))
                .as("the endpoint is healthy").isEqualTo(1);
    }
}
