package dev.campus.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
