package dev.campus.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Kubernetes sends SIGTERM on every rollout, scale-in and node drain. Readiness goes DOWN at once while requests
 * are still served for the shutdown delay (the load balancers stop routing here meanwhile); a request already being
 * processed must still complete (here: one waiting for a row lock held by another transaction), new connections
 * must then be told to go away, and the process must exit on its own, cleanly, within quarkus.shutdown.delay (5 s)
 * plus quarkus.shutdown.timeout (30 s), below the pod's terminationGracePeriodSeconds (40 s). A client that only
 * sends to ready instances sees no error at all.
 */
class GracefulShutdownIT {

    static final Duration START_WITHIN = Duration.ofSeconds(90);
    /** quarkus.shutdown.delay (CAMPUS_SHUTDOWN_DELAY, 5 s): readiness DOWN, still serving. */
    static final Duration SHUTDOWN_DELAY = Duration.ofSeconds(5);
    /** quarkus.shutdown.delay (5 s) and timeout (30 s) plus a margin for stopping the JVM, below the grace period (40 s). */
    static final Duration EXIT_WITHIN = Duration.ofSeconds(39);
    /** The readiness endpoint: the one place to change when health moves to another port. */
    static final String READINESS = "/q/health/ready";
    /** How often the load balancer of the load test checks readiness, and how many writers it has. */
    static final Duration POLL = Duration.ofMillis(250);
    static final int WRITERS = 4;
    static final ObjectMapper JSON = new ObjectMapper();

    Map<String, String> database;
    PackagedApp app;
    Connection lockHolder;

    @AfterEach
    void stop() throws SQLException {
        try {
            if (lockHolder != null) {
                lockHolder.close();
            }
        } finally {
            if (app != null) {
                app.close();
            }
            Databases.drop(database);
        }
    }

    @Test
    void onSigtermTheRequestInFlightCompletesAndTheProcessExitsCleanlyBeforeTheGracePeriod() throws Exception {
        database = Databases.freshDatabase("shutdown");
        app = PackagedApp.start("graceful-shutdown", database);
        app.awaitReady(START_WITHIN);

        String instructorId = created(app.post("/api/v1/users", """
                {"email": "shutdown-%s@example.com", "displayName": "Shutdown Instructor", "role": "instructor"}"""
                .formatted(UUID.randomUUID())));
        String courseId = created(app.post("/api/v1/courses", """
                {"slug": "shutdown-%s", "title": "Graceful shutdown", "instructorId": "%s", "price": {"amount": 0, "currency": "EUR"}}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8), instructorId)));

        // Another transaction holds the course row, so the lesson request below has to wait inside the app.
        lockHolder = Databases.connect(database);
        lockHolder.setAutoCommit(false);
        try (PreparedStatement lock = lockHolder.prepareStatement("SELECT id FROM courses WHERE id = ? FOR UPDATE")) {
            lock.setObject(1, UUID.fromString(courseId));
            lock.executeQuery().close();
        }
        HttpRequest addLesson = app.request("POST", "/api/v1/courses/" + courseId + "/lessons",
                "{\"title\": \"T\", \"durationMinutes\": 5}", Duration.ofSeconds(60));
        CompletableFuture<HttpResponse<String>> inFlight = PackagedApp.HTTP.sendAsync(addLesson, HttpResponse.BodyHandlers.ofString());
        awaitBackendWaitingForLock(Duration.ofSeconds(20));
        assertThat(inFlight).as("the lesson request waits for the course lock").isNotDone();

        long sigterm = System.nanoTime();
        app.process.destroy(); // SIGTERM

        // Readiness is DOWN at once; new requests are still served during the shutdown delay, then turned away.
        long notReadyMillis = awaitNotReady(Duration.ofSeconds(1));
        System.out.printf("GracefulShutdownIT: readiness DOWN %d ms after SIGTERM%n", notReadyMillis);
        String newRequest = awaitDraining(SHUTDOWN_DELAY.plusSeconds(5));
        System.out.printf("GracefulShutdownIT: a new request %d ms after SIGTERM: %s%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigterm), newRequest);
        assertThat(inFlight).as("the request in flight is still waiting for the lock").isNotDone();
        assertThat(app.process.isAlive()).as("the process waits for the request in flight").isTrue();

        // The lock is released a second after SIGTERM: the request in flight can now finish.
        long holdUntil = sigterm + TimeUnit.SECONDS.toNanos(1);
        Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(holdUntil - System.nanoTime())));
        lockHolder.commit();

        HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as("the request in flight at SIGTERM: " + response.body() + "\n" + app.logTail(30))
                .isEqualTo(201);

        boolean exited = app.process.waitFor(EXIT_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        long exitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigterm);
        assertThat(exited).as("the process exits within " + EXIT_WITHIN.toSeconds() + " s of SIGTERM\n" + app.logTail(30)).isTrue();
        System.out.printf("GracefulShutdownIT: request in flight answered %d; process exited with %d, %d ms after SIGTERM%n",
                response.statusCode(), app.process.exitValue(), exitMillis);
        // dev.campus.Main turns SIGTERM into a normal exit: anything else (143: the JVM's default, 137: killed,
        // 1: failed) is not a clean shutdown.
        assertThat(app.process.exitValue()).as("exit code after SIGTERM\n" + app.logTail(30)).isZero();
        assertThat(app.log()).as("the log of the shutdown").contains("campus stopped in")
                .doesNotContain("Timed out waiting for graceful shutdown").doesNotContain("\"level\":\"ERROR\"");

        try (PreparedStatement lessons = lockHolder.prepareStatement("SELECT count(*) FROM lessons WHERE course_id = ?")) {
            lessons.setObject(1, UUID.fromString(courseId));
            try (ResultSet count = lessons.executeQuery()) {
                count.next();
                assertThat(count.getLong(1)).as("the lesson of the request in flight is committed").isEqualTo(1);
            }
        }
    }

    /**
     * What a load balancer does: a poller checks readiness every {@link #POLL}, and writers send only while the
     * last check said UP. SIGTERM in the middle of the stream: readiness goes DOWN first, the writers stop, the
     * instance drains and exits, and no request of the stream fails (no 5xx, no reset, no refused connection);
     * every 201 is in the database.
     */
    @Test
    void aClientThatOnlySendsToReadyInstancesSeesNoErrorAcrossSigterm() throws Exception {
        database = Databases.freshDatabase("shutdownload");
        app = PackagedApp.start("graceful-shutdown-load", database);
        app.awaitReady(START_WITHIN);

        AtomicBoolean ready = new AtomicBoolean(true);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong notReadyAt = new AtomicLong();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        List<String> created = Collections.synchronizedList(new ArrayList<>());
        AtomicLong afterSigterm = new AtomicLong();
        AtomicLong sigtermAt = new AtomicLong(Long.MAX_VALUE);
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 1);
        threads.submit(() -> {
            while (running.get()) {
                boolean up = readiness(app) == 200;
                if (!up && ready.getAndSet(false)) {
                    notReadyAt.set(System.nanoTime());
                }
                Thread.sleep(POLL.toMillis());
            }
            return null;
        });
        for (int writer = 0; writer < WRITERS; writer++) {
            threads.submit(() -> {
                while (running.get()) {
                    if (!ready.get()) {
                        Thread.sleep(10);
                        continue;
                    }
                    String email = "stream-" + UUID.randomUUID() + "@example.com";
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> answer = app.post("/api/v1/users",
                                "{\"email\":\"" + email + "\",\"displayName\":\"Stream\",\"role\":\"student\"}");
                        if (answer.statusCode() == 201) {
                            created.add(email);
                            if (sent > sigtermAt.get()) {
                                afterSigterm.incrementAndGet();
                            }
                        } else {
                            errors.add(answer.statusCode() + ": " + answer.body());
                        }
                    } catch (IOException e) {
                        errors.add(e.toString());
                    }
                }
                return null;
            });
        }
        // The stream flows (the first requests of a fresh JVM are slow) before the instance is stopped.
        long flowingBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (created.size() < 50 && errors.isEmpty() && System.nanoTime() < flowingBy) {
            Thread.sleep(100);
        }
        int before = created.size();
        sigtermAt.set(System.nanoTime());
        app.process.destroy(); // SIGTERM
        boolean exited = app.process.waitFor(EXIT_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        long exitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigtermAt.get());
        running.set(false);
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).as("the client threads finish").isTrue();

        long downMillis = TimeUnit.NANOSECONDS.toMillis(notReadyAt.get() - sigtermAt.get());
        System.out.printf("GracefulShutdownIT: %d writes answered before SIGTERM, %d sent after it (all answered 201), %d in all;"
                + " readiness seen DOWN %d ms after SIGTERM; process exited %d ms after SIGTERM; %d errors%n",
                before, afterSigterm.get(), created.size(), downMillis, exitMillis, errors.size());
        assertThat(exited).as("the process exits within " + EXIT_WITHIN.toSeconds() + " s of SIGTERM\n" + app.logTail(30)).isTrue();
        assertThat(app.process.exitValue()).as("exit code after SIGTERM\n" + app.logTail(30)).isZero();
        assertThat(before).as("the stream was flowing before SIGTERM").isPositive();
        assertThat(notReadyAt.get()).as("the poller saw readiness DOWN before the process exited").isPositive();
        assertThat(downMillis).as("readiness is DOWN well within the shutdown delay").isLessThan(SHUTDOWN_DELAY.toMillis() / 2);
        assertThat(errors).as("requests that failed while the instance was ready or draining\n" + app.logTail(30)).isEmpty();
        // A connection the API port accepted while its event loops were stopping is a request dropped unanswered.
        // The same on the management port is a readiness probe arriving as the process ends (the kubelet keeps
        // probing a terminating pod, and so does the poller here): nothing is lost, so it is not counted.
        assertThat(app.log().lines().filter(line -> line.contains("Failed to register an accepted channel"))
                .filter(line -> !line.contains(":" + app.managementPort + " ")))
                .as("connections the API port accepted while stopping").isEmpty();
        try (Connection connection = Databases.connect(database);
                PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM users WHERE email LIKE 'stream-%'")) {
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                assertThat(rows.getLong(1)).as("every 201 is in the database").isEqualTo(created.size());
            }
        }
    }

    /** Polls readiness until it is DOWN; answers how long that took. */
    long awaitNotReady(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < timeout.toNanos()) {
            if (readiness(app) != 200) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("readiness still UP " + timeout.toMillis() + " ms after SIGTERM\n" + app.logTail(20));
    }

    /** The status of the readiness endpoint: 200 UP, 503 DOWN (or draining), -1 when the port is closed. */
    static int readiness(PackagedApp app) {
        return app.status(READINESS);
    }

    /** Polls PostgreSQL until a backend of this database waits for a lock: the app's request is blocked. */
    void awaitBackendWaitingForLock(Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection observer = Databases.connect(database);
                PreparedStatement waiting = observer.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet count = waiting.executeQuery()) {
                    count.next();
                    if (count.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("no request of the app waited for the course lock within " + timeout.toSeconds() + " s\n" + app.logTail(30));
    }

    /**
     * Polls with new connections (as new clients would arrive) until one is turned away or told to go: a 503, a
     * refused or reset connection, or (Quarkus 3 keeps serving while it drains, so that requests the load balancer
     * still routes here do not fail) an answer with "Connection: close". Answers what happened.
     */
    String awaitDraining(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "nothing";
        while (System.nanoTime() < deadline) {
            HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
            try {
                HttpResponse<String> answer = fresh.send(HttpRequest.newBuilder(app.uri("/api/v1/users?limit=1"))
                        .header("Authorization", "Bearer " + dev.campus.support.Tokens.admin())
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                String connection = answer.headers().firstValue("Connection").orElse("");
                last = "answered " + answer.statusCode() + (connection.isEmpty() ? "" : " with Connection: " + connection);
                if (answer.statusCode() == 503 || connection.equalsIgnoreCase("close")) {
                    return last;
                }
            } catch (IOException e) {
                return "refused: " + e;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("new requests were still served as usual " + timeout.toSeconds() + " s after SIGTERM (last: " + last + ")");
    }

    static String created(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asText();
    }
}
