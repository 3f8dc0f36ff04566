package dev.campus.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One instance of the packaged application ({@code target/quarkus-app/quarkus-run.jar}) in its own process, on a
 * free port, with its output in {@code target/ops-it/<name>.log}. The tests of this package start it the way an
 * operator would: {@code java -jar}, configured through the environment only.
 */
final class PackagedApp implements AutoCloseable {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    static final Path LOGS = Path.of("target", "ops-it");

    /** HTTP/1.1 and a short connect timeout: a refused or hanging connection is an answer too. */
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    final String name;
    final int port;
    final Path log;
    final Process process;

    private PackagedApp(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Prepares, without starting, a process of the packaged jar with exactly these settings plus its own port. */
    static Launch prepare(String name, Map<String, String> env) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: these tests run after `package` (failsafe, ./mvnw verify)");
        }
        int port = freePort();
        Path log = LOGS.resolve(name + ".log");
        try {
            Files.createDirectories(LOGS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString())
                .redirectErrorStream(true)
                // A file, not a pipe: a chatty process can never block on a full pipe buffer.
                .redirectOutput(log.toFile());
        // Only what the test passes: not the settings of whoever runs the build.
        builder.environment().keySet().removeIf(key -> key.startsWith("CAMPUS_") || key.startsWith("QUARKUS_"));
        // The tests' tokens are signed with the test key pair; a test may still override these settings.
        builder.environment().putAll(dev.campus.devmode.DevJwtKeys.start());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return new Launch(name, port, log, builder);
    }

    static PackagedApp start(String name, Map<String, String> env) {
        return prepare(name, env).start();
    }

    record Launch(String name, int port, Path log, ProcessBuilder builder) {
        PackagedApp start() {
            try {
                return new PackagedApp(name, port, log, builder.start());
            } catch (IOException e) {
                throw new UncheckedIOException("could not start " + name, e);
            }
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, Duration.ofSeconds(15));
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send("POST", path, json, Duration.ofSeconds(15));
    }

    HttpResponse<String> send(String method, String path, String json, Duration timeout) throws IOException, InterruptedException {
        return HTTP.send(request(method, path, json, timeout), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest request(String method, String path, String json, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(timeout).header("Accept", "application/json")
                .header("Authorization", "Bearer " + dev.campus.support.Tokens.admin());
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return request.build();
    }

    /** The status of GET path, or -1 when the request fails (refused, reset, timed out). */
    int status(String path) {
        try {
            return send("GET", path, null, Duration.ofSeconds(10)).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Polls path until it answers the status; fails early when the process exits. Answers how long it took. */
    Duration awaitStatus(String path, int expected, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        int last = 0;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " while waiting for " + expected
                        + " from " + path + "\n" + logTail(40));
            }
            last = status(path);
            if (last == expected) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + ": " + path + " did not answer " + expected + " within " + timeout.toSeconds()
                + " s (last: " + last + ")\n" + logTail(40));
    }

    Duration awaitReady(Duration timeout) throws InterruptedException {
        return awaitStatus("/q/health/ready", 200, timeout);
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    String logTail(int lines) {
        List<String> all = log().lines().toList();
        return "---- last lines of " + log + " ----\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** SIGTERM, then SIGKILL if it has not exited after its shutdown timeout (30 s) and some margin. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
