package dev.campus.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The database stops answering without closing anything (a frozen or overloaded server, a network partition):
 * connections stay open, nothing comes back. Simulated by stopping every PostgreSQL process with SIGSTOP. API calls
 * must still end, with a 503 problem, within a bound, whether they hold a pooled connection or wait for a new one;
 * readiness must not report UP within the probe's timeout; after SIGCONT the same process recovers.
 */
@EnabledOnOs(OS.LINUX)
class DatabaseHangIT {

    static final Duration START_WITHIN = Duration.ofSeconds(90);
    /** timeoutSeconds of the readiness probe in k8s/base/deployment.yaml: no answer within it counts as a failure. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    /** A call must end within this: the JDBC socket timeout (30 s, proposed) plus a margin. */
    static final Duration CALL_BOUND = Duration.ofSeconds(35);
    static final Duration RECOVER_WITHIN = Duration.ofSeconds(60);
    static final int CONCURRENT_CALLS = 6;

    Databases.DedicatedServer database;
    PackagedApp app;
    Path dataDirectory;
    List<Long> frozen = List.of();

    @AfterEach
    void stop() throws IOException, InterruptedException {
        try {
            signal("CONT", frozen); // a stopped server would never shut down
            if (app != null) {
                app.close();
            }
        } finally {
            if (database != null) {
                database.close();
            }
            DatabaseOutageIT.deleteRecursively(dataDirectory);
        }
    }

    @Test
    void whileTheDatabaseHangsCallsEndWith503WithinABoundAndTheProcessRecoversAfterwards() throws Exception {
        dataDirectory = Files.createTempDirectory("campus-hang-pg");
        database = new Databases.DedicatedServer(PackagedApp.freePort(), dataDirectory).start();
        app = PackagedApp.start("database-hang", database.settings());
        app.awaitReady(START_WITHIN);
        long pid = app.process.pid();
        // Concurrent calls, so that the pool holds several idle connections when the database freezes.
        for (Call call : callAll("/api/v1/users?limit=1", Duration.ofSeconds(30))) {
            assertThat(call.status).as("before the freeze").isEqualTo(200);
        }

        frozen = postgresProcesses();
        signal("STOP", frozen);

        int readiness = statusWithin("/q/health/ready", PROBE_TIMEOUT);
        System.out.printf("DatabaseHangIT: readiness while the database hangs: %s%n",
                readiness < 0 ? "no answer within " + PROBE_TIMEOUT.toSeconds() + " s (a probe failure)" : readiness);
        assertThat(readiness).as("readiness while the database hangs").isNotEqualTo(200);

        List<Call> calls = new ArrayList<>();
        calls.addAll(callAll("/api/v1/users?limit=1", CALL_BOUND.plusSeconds(5)));
        calls.addAll(callAll("/api/v1/courses/" + UUID.randomUUID(), CALL_BOUND.plusSeconds(5)));
        System.out.println("DatabaseHangIT: while the database hangs:");
        calls.forEach(call -> System.out.printf("  GET %s -> %s in %d ms: %s%n", call.path,
                call.status < 0 ? "no answer" : call.status + " " + call.contentType, call.took.toMillis(), call.body));
        for (Call call : calls) {
            assertThat(call.took).as("GET " + call.path + " while the database hangs ends within " + CALL_BOUND).isLessThan(CALL_BOUND);
            assertThat(call.status).as("GET " + call.path + " while the database hangs: " + call.body).isEqualTo(503);
            assertThat(call.contentType).startsWith("application/problem+json");
        }

        signal("CONT", frozen);
        frozen = List.of();

        Duration readyAgainAfter = app.awaitReady(RECOVER_WITHIN);
        System.out.printf("DatabaseHangIT: ready again %d ms after the database resumed%n", readyAgainAfter.toMillis());
        assertThat(app.process.pid()).isEqualTo(pid);
        assertThat(app.get("/api/v1/users?limit=1").statusCode()).isEqualTo(200);
    }

    record Call(String path, int status, String contentType, String body, Duration took) {
    }

    /** CONCURRENT_CALLS concurrent GETs of path; each waits at most timeout for its answer. */
    List<Call> callAll(String path, Duration timeout) throws InterruptedException {
        List<CompletableFuture<Call>> calls = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_CALLS; i++) {
            long start = System.nanoTime();
            calls.add(PackagedApp.HTTP.sendAsync(app.request("GET", path, null, timeout), HttpResponse.BodyHandlers.ofString())
                    .handle((response, failure) -> response != null
                            ? new Call(path, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                                    response.body(), Duration.ofNanos(System.nanoTime() - start))
                            : new Call(path, -1, "", String.valueOf(failure), Duration.ofNanos(System.nanoTime() - start))));
        }
        List<Call> done = new ArrayList<>();
        for (CompletableFuture<Call> call : calls) {
            try {
                done.add(call.get(timeout.toSeconds() + 10, TimeUnit.SECONDS));
            } catch (Exception e) {
                throw new AssertionError("GET " + path + " did not end", e);
            }
        }
        return done;
    }

    /** The status of GET path, or -1 when there is no answer within timeout. */
    int statusWithin(String path, Duration timeout) throws IOException, InterruptedException {
        try {
            return app.send("GET", path, null, timeout).statusCode();
        } catch (HttpTimeoutException e) {
            return -1;
        }
    }

    /** The postmaster (first line of postmaster.pid) and all its children: backends, checkpointer, WAL writer... */
    List<Long> postgresProcesses() throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle handle = ProcessHandle.of(postmaster).orElseThrow(() -> new AssertionError("no postmaster " + postmaster));
        try (Stream<ProcessHandle> children = handle.descendants()) {
            return Stream.concat(Stream.of(postmaster), children.map(ProcessHandle::pid)).toList();
        }
    }

    static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
        if (pids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError(command + " failed: " + new String(kill.getInputStream().readAllBytes()));
        }
    }
}
