package dev.campus.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The database goes away (restart, failover, network) while the application runs: readiness reports DOWN so the
 * pod leaves the Service, API calls fail fast with 503 problem details instead of hanging or answering 500, and
 * once the database is back the same process recovers on its own, without a restart.
 */
class DatabaseOutageIT {

    static final Duration START_WITHIN = Duration.ofSeconds(90);
    /** The readiness probe must notice the outage quickly (acquisition-timeout is 5 s). */
    static final Duration DOWN_WITHIN = Duration.ofSeconds(15);
    /** Each API call during the outage must complete within this (Kubernetes/ingress timeouts are longer). */
    static final Duration CALL_BOUND = Duration.ofSeconds(10);
    static final Duration RECOVER_WITHIN = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    Databases.DedicatedServer database;
    PackagedApp app;
    Path dataDirectory;

    @AfterEach
    void stop() throws IOException {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            if (database != null) {
                database.close();
            }
            deleteRecursively(dataDirectory);
        }
    }

    @Test
    void whileTheDatabaseIsDownItIsNotReadyAndAnswers503FastThenRecoversWithoutRestart() throws Exception {
        dataDirectory = Files.createTempDirectory("campus-outage-pg");
        database = new Databases.DedicatedServer(PackagedApp.freePort(), dataDirectory).start();
        app = PackagedApp.start("database-outage", database.settings());
        app.awaitReady(START_WITHIN);
        long pid = app.process.pid();
        assertThat(app.get("/api/v1/users?limit=1").statusCode()).isEqualTo(200);

        database.stop();

        Duration notReadyAfter = app.awaitStatus("/q/health/ready", 503, DOWN_WITHIN);
        HttpResponse<String> readiness = app.get("/q/health/ready");
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body()).containsPattern("\"status\"\\s*:\\s*\"DOWN\"");
        // Liveness must not follow the database: restarting the pod would not bring the database back.
        assertThat(app.status("/q/health/live")).as("liveness during the outage").isEqualTo(200);

        String[] paths = { "/api/v1/users?limit=1", "/api/v1/courses/" + UUID.randomUUID() };
        List<Call> calls = new ArrayList<>();
        for (String path : paths) {
            long start = System.nanoTime();
            HttpResponse<String> response = app.send("GET", path, null, CALL_BOUND.plusSeconds(20));
            calls.add(new Call(path, response, Duration.ofNanos(System.nanoTime() - start)));
        }
        System.out.printf("DatabaseOutageIT: readiness DOWN %d ms after the database stopped; during the outage:%n", notReadyAfter.toMillis());
        calls.forEach(call -> System.out.printf("  GET %s -> %d %s in %d ms: %s%n", call.path, call.response.statusCode(),
                call.response.headers().firstValue("Content-Type").orElse("(no Content-Type)"), call.took.toMillis(), call.response.body()));

        for (Call call : calls) {
            assertThat(call.took).as("GET " + call.path + " during the outage completes within " + CALL_BOUND).isLessThan(CALL_BOUND);
            assertThat(call.response.statusCode())
                    .as("GET " + call.path + " during the outage: " + call.response.body() + "\n" + app.logTail(30))
                    .isEqualTo(503);
            assertThat(call.response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(call.response.body()).containsPattern("\"status\"\\s*:\\s*503");
        }

        database.start();

        Duration readyAgainAfter = app.awaitReady(RECOVER_WITHIN);
        System.out.printf("DatabaseOutageIT: ready again %d ms after the database restarted%n", readyAgainAfter.toMillis());
        assertThat(app.process.pid()).isEqualTo(pid);
        assertThat(app.process.isAlive()).isTrue();
        for (String path : paths) {
            HttpResponse<String> response = app.get(path);
            assertThat(response.statusCode()).as("GET " + path + " after recovery: " + response.body())
                    .isEqualTo(path.startsWith("/api/v1/courses/") ? 404 : 200);
        }
    }

    /**
     * PostgreSQL restarts (fast shutdown: backends are terminated with SQLSTATE 57P01, a commit may be in flight)
     * under a write load: no request answers 500, every 503 says when to retry, every 201 is in the database, and a
     * write whose commit outcome is unknown gives a consistent answer when retried (created now, or already there).
     */
    @Test
    void aRestartUnderWriteLoadAnswers503NotFiveHundredAndLosesNoAcknowledgedWrite() throws Exception {
        dataDirectory = Files.createTempDirectory("campus-restart-pg");
        database = new Databases.DedicatedServer(PackagedApp.freePort(), dataDirectory).start();
        app = PackagedApp.start("database-restart-under-load", database.settings());
        app.awaitReady(START_WITHIN);

        AtomicBoolean running = new AtomicBoolean(true);
        List<Write> writes = Collections.synchronizedList(new ArrayList<>());
        ExecutorService load = Executors.newFixedThreadPool(4);
        for (int thread = 0; thread < 4; thread++) {
            load.submit(() -> {
                while (running.get()) {
                    String email = "load-" + UUID.randomUUID() + "@example.com";
                    String body = "{\"email\":\"" + email + "\",\"displayName\":\"Load\",\"role\":\"student\"}";
                    try {
                        writes.add(new Write(email, body, app.send("POST", "/api/v1/users", body, Duration.ofSeconds(20))));
                    } catch (IOException e) {
                        writes.add(new Write(email, body, null));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return null;
                    }
                }
                return null;
            });
        }
        Thread.sleep(1500);
        database.stop();
        Thread.sleep(1000);
        database.start();
        app.awaitReady(RECOVER_WITHIN);
        Thread.sleep(1500);
        running.set(false);
        load.shutdown();
        assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).as("the load threads finish").isTrue();

        Map<Integer, Long> statuses = new TreeMap<>();
        List<Write> unknown = new ArrayList<>();
        List<String> offenders = new ArrayList<>();
        List<Write> created = new ArrayList<>();
        synchronized (writes) {
            for (Write write : writes) {
                int status = write.response == null ? -1 : write.response.statusCode();
                statuses.merge(status, 1L, Long::sum);
                if (status == 201) {
                    created.add(write);
                } else if (status == 503) {
                    if (write.response.headers().firstValue("Retry-After").isEmpty()) {
                        offenders.add("503 without Retry-After: " + write.response.body());
                    }
                    if (write.response.body().contains("/problems/commit-outcome-unknown")) {
                        unknown.add(write);
                    } else if (!write.response.body().contains("/problems/database-unavailable")) {
                        offenders.add("503 of another type: " + write.response.body());
                    }
                } else {
                    offenders.add(status + ": " + (write.response == null ? "(no response)" : write.response.body()));
                }
            }
        }
        String log = app.log();
        // A stack trace: a plain-text frame, or a JSON log record whose exception has frames.
        long stackTraces = log.lines().filter(line -> line.contains("\tat ") || line.contains("\"frames\":[{")).count();
        long errorLines = log.lines().filter(line -> line.contains("\"level\":\"ERROR\"")).count();
        System.out.printf("DatabaseOutageIT: %d writes during a PostgreSQL restart: statuses %s, %d commit-outcome-unknown;"
                + " %d ERROR lines, %d log records with a stack trace%n", writes.size(), statuses, unknown.size(), errorLines, stackTraces);
        assertThat(stackTraces).as("log records with a stack trace\n" + app.logTail(60)).isZero();
        assertThat(errorLines).as("one ERROR line per 503").isEqualTo(statuses.getOrDefault(503, 0L));
        assertThat(statuses).as("writes before the restart succeed").containsKey(201);
        assertThat(offenders).as("every write answers 201 or a 503 database problem with Retry-After\n" + app.logTail(60)).isEmpty();

        try (Connection connection = Databases.connect(database.settings())) {
            for (Write write : created) {
                assertThat(usersWithEmail(connection, write.email)).as("acknowledged " + write.email + " is stored").isEqualTo(1);
            }
            for (Write write : unknown) {
                HttpResponse<String> retry = app.post("/api/v1/users", write.body);
                assertThat(retry.statusCode()).as("retry of " + write.email + ": " + retry.body()).isIn(201, 409);
                if (retry.statusCode() == 409) {
                    assertThat(retry.body()).contains("/problems/email-taken");
                }
                assertThat(usersWithEmail(connection, write.email)).as(write.email + " after the retry").isEqualTo(1);
            }
        }
    }

    /**
     * Enroll in a paid course and pay its invoice, each with an Idempotency-Key, while PostgreSQL restarts. Afterwards
     * the client retries every step with the same key and body, as the 503 problems tell it to: an answer it already
     * got is replayed unchanged, one it did not get is given now, and each enrollment and each payment exists once.
     */
    @Test
    void enrollAndPayRetriedWithTheirIdempotencyKeysAfterARestartTakeEffectOnce() throws Exception {
        dataDirectory = Files.createTempDirectory("campus-restart-idem-pg");
        database = new Databases.DedicatedServer(PackagedApp.freePort(), dataDirectory).start();
        app = PackagedApp.start("database-restart-idempotency", database.settings());
        app.awaitReady(START_WITHIN);
        String instructor = id(app.post("/api/v1/users", "{\"email\":\"idem-" + UUID.randomUUID()
                + "@example.com\",\"displayName\":\"I\",\"role\":\"instructor\"}"));
        String course = id(app.post("/api/v1/courses", "{\"slug\":\"idem-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"title\":\"Idempotent\",\"instructorId\":\"" + instructor + "\",\"price\":{\"amount\":4900,\"currency\":\"EUR\"}}"));
        id(app.post("/api/v1/courses/" + course + "/lessons", "{\"title\":\"Welcome\",\"durationMinutes\":5,\"published\":true}"));
        assertThat(app.send("POST", "/api/v1/courses/" + course + "/publish", null, Duration.ofSeconds(15)).statusCode()).isEqualTo(200);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Keyed> calls = Collections.synchronizedList(new ArrayList<>());
        ExecutorService load = Executors.newFixedThreadPool(4);
        for (int thread = 0; thread < 4; thread++) {
            load.submit(() -> {
                while (running.get()) {
                    HttpResponse<String> student;
                    try {
                        student = app.post("/api/v1/users", "{\"email\":\"idem-student-" + UUID.randomUUID()
                                + "@example.com\",\"displayName\":\"S\",\"role\":\"student\"}");
                    } catch (IOException e) {
                        continue;
                    }
                    if (student.statusCode() != 201) {
                        continue; // the restart: creating users is the other test's subject
                    }
                    String studentId = JSON.readTree(student.body()).get("id").asText();
                    Keyed enroll = keyed("/api/v1/enrollments", "{\"userId\":\"" + studentId + "\",\"courseId\":\"" + course + "\"}");
                    calls.add(enroll);
                    if (enroll.status() == 201) {
                        String invoice = JSON.readTree(enroll.response.body()).get("invoiceId").asText();
                        calls.add(keyed("/api/v1/invoices/" + invoice + "/pay",
                                "{\"paymentReference\":\"psp-" + UUID.randomUUID() + "\",\"amount\":{\"amount\":4900,\"currency\":\"EUR\"}}"));
                    }
                }
                return null;
            });
        }
        Thread.sleep(1500);
        database.stop();
        Thread.sleep(1000);
        database.start();
        app.awaitReady(RECOVER_WITHIN);
        Thread.sleep(1000);
        running.set(false);
        load.shutdown();
        assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).as("the load threads finish").isTrue();

        Map<String, Long> outcomes = new TreeMap<>();
        List<String> offenders = new ArrayList<>();
        List<Keyed> all;
        synchronized (calls) {
            all = new ArrayList<>(calls);
        }
        for (Keyed call : all) {
            int status = call.status();
            String kind = call.path.endsWith("/pay") ? "pay" : "enroll";
            outcomes.merge(kind + " " + status, 1L, Long::sum);
            boolean ok = kind.equals("pay") ? status == 200 : status == 201;
            if (!ok && status != 503) {
                offenders.add(kind + " " + status + ": " + (call.response == null ? "(no response)" : call.response.body()));
                continue;
            }
            HttpResponse<String> retry = send(call.path, call.body, call.key);
            outcomes.merge(kind + " " + status + " retried " + retry.statusCode(), 1L, Long::sum);
            if (retry.statusCode() != (kind.equals("pay") ? 200 : 201)) {
                offenders.add(kind + " " + status + ", retried with its key: " + retry.statusCode() + " " + retry.body());
            } else if (ok) {
                assertThat(retry.headers().firstValue("Idempotent-Replayed")).as("a retry of an answered " + kind).hasValue("true");
                assertThat(JSON.readTree(retry.body()).get("id")).as("the replayed " + kind).isEqualTo(JSON.readTree(call.response.body()).get("id"));
            }
        }
        System.out.printf("DatabaseOutageIT: enroll and pay with Idempotency-Keys across a PostgreSQL restart, then retried: %s%n", outcomes);
        assertThat(outcomes.keySet()).as("some calls happened before the restart").anyMatch(key -> key.startsWith("pay 200"));
        assertThat(offenders).as("every call answers 2xx or 503, and its retry with the same key 2xx\n" + app.logTail(40)).isEmpty();
        try (Connection connection = Databases.connect(database.settings());
                PreparedStatement twice = connection.prepareStatement("""
                        SELECT (SELECT count(*) FROM (SELECT user_id FROM enrollments GROUP BY user_id, course_id HAVING count(*) > 1) e)
                             + (SELECT count(*) FROM (SELECT invoice_id FROM payments GROUP BY invoice_id HAVING count(*) > 1) p)""");
                ResultSet result = twice.executeQuery()) {
            result.next();
            assertThat(result.getLong(1)).as("enrollments or payments that exist twice").isZero();
        }
    }

    Keyed keyed(String path, String body) throws InterruptedException {
        String key = "retry-" + UUID.randomUUID();
        try {
            return new Keyed(path, body, key, send(path, body, key));
        } catch (IOException e) {
            return new Keyed(path, body, key, null);
        }
    }

    HttpResponse<String> send(String path, String body, String key) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(app.request("POST", path, body, Duration.ofSeconds(20)), (name, value) -> true)
                .header("Idempotency-Key", key).build();
        return PackagedApp.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static String id(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asText();
    }

    record Keyed(String path, String body, String key, HttpResponse<String> response) {
        int status() {
            return response == null ? -1 : response.statusCode();
        }
    }

    static int usersWithEmail(Connection connection, String email) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM users WHERE email = ?")) {
            statement.setString(1, email);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    record Write(String email, String body, HttpResponse<String> response) {
    }

    record Call(String path, HttpResponse<String> response, Duration took) {
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
