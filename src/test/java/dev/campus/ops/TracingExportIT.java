package dev.campus.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Traces leave the packaged application only for a configured collector: without OTEL_EXPORTER_OTLP_ENDPOINT nothing
 * connects anywhere (not to the OTLP default, localhost:4317), yet the JSON log lines and problem bodies carry the
 * same trace id, with the service's name and version; with it, the spans go to that endpoint.
 */
class TracingExportIT {

    static final String UNKNOWN_USER = "/api/v1/users/0190b4a2-7d1e-7c3a-9f1b-2b6f0c1d2e3f";
    /** Spans are exported in batches; a short delay so that an export would happen within the test. */
    static final Map<String, String> QUICK_EXPORT = Map.of("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void withoutAnEndpointNothingConnectsAndLogsAndProblemsCarryTheTraceId() throws Exception {
        Map<String, String> database = Databases.freshDatabase("otel_off");
        // Listens where an unconfigured OTLP exporter would send (gRPC default); skipped if the port is taken.
        Optional<ServerSocket> otlpDefault = listen(4317);
        try (PackagedApp app = PackagedApp.start("otel-off", env(database, Map.of()))) {
            app.awaitReady(Duration.ofSeconds(90));
            HttpResponse<String> problem = app.get(UNKNOWN_USER);
            for (int i = 0; i < 5; i++) {
                app.get("/api/v1/courses?limit=1");
            }
            Thread.sleep(2000);

            String traceId = JSON.readTree(problem.body()).path("traceId").asText();
            assertThat(problem.statusCode()).isEqualTo(404);
            assertThat(traceId).matches("[0-9a-f]{32}");
            if (otlpDefault.isPresent()) {
                assertThat(accepted(otlpDefault.get(), Duration.ofMillis(500))).as("a connection to localhost:4317").isFalse();
            }
            assertThat(app.log()).as("export attempts in the log").doesNotContainIgnoringCase("Failed to export")
                    .doesNotContainIgnoringCase("otlp");
            // The 4xx log line of the problem (category http-problem), as JSON.
            JsonNode line = logLines(app).stream().filter(json -> json.path("loggerName").asText().equals("http-problem")
                    && json.path("message").asText().contains("status=404")).findFirst()
                    .orElseThrow(() -> new AssertionError("no http-problem line for the 404\n" + app.logTail(20)));
            assertThat(line.path("mdc").path("traceId").asText()).as("traceId of the log line").isEqualTo(traceId);
            assertThat(line.path("mdc").path("spanId").asText()).matches("[0-9a-f]{16}");
            assertThat(line.path("service.name").asText()).isEqualTo("campus");
            assertThat(line.path("service.version").asText()).isNotBlank();
        } finally {
            otlpDefault.ifPresent(TracingExportIT::close);
            Databases.drop(database);
        }
    }

    @Test
    void withAnEndpointSpansAreSentThere() throws Exception {
        Map<String, String> database = Databases.freshDatabase("otel_on");
        try (ServerSocket collector = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                PackagedApp app = PackagedApp.start("otel-on",
                        env(database, Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getLocalPort())))) {
            app.awaitReady(Duration.ofSeconds(90));
            app.get(UNKNOWN_USER);

            assertThat(accepted(collector, Duration.ofSeconds(15))).as("a connection of the OTLP exporter to the configured endpoint")
                    .isTrue();
        } finally {
            Databases.drop(database);
        }
    }

    static Map<String, String> env(Map<String, String> database, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(database);
        env.putAll(QUICK_EXPORT);
        env.putAll(more);
        return env;
    }

    static List<JsonNode> logLines(PackagedApp app) {
        return app.log().lines().filter(line -> line.startsWith("{")).map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                return JSON.createObjectNode();
            }
        }).toList();
    }

    static Optional<ServerSocket> listen(int port) {
        try {
            return Optional.of(new ServerSocket(port, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            System.out.printf("TracingExportIT: port %d is taken, not listening there (%s)%n", port, e);
            return Optional.empty();
        }
    }

    static boolean accepted(ServerSocket socket, Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        try (Socket connection = socket.accept()) {
            return connection != null;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    static void close(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
