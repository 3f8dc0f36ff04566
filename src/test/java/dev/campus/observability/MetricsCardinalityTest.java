package dev.campus.observability;

import static dev.campus.support.Api.api;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.campus.support.Fixtures;
import dev.campus.support.Management;
import dev.campus.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Label cardinality is bounded: once every kind of request has been seen, 1,000 more requests to distinct ids (most
 * unknown: 404s; unmatched paths; existing resources) add no series to /q/metrics. A label holding an id would add
 * one series per request.
 */
@QuarkusTest
class MetricsCardinalityTest {

    static final int REQUESTS = 1000;
    /** Paths with one id each: every kind the test sends, by template. */
    static final List<String> TEMPLATES = List.of("/api/v1/users/%s", "/api/v1/courses/%s", "/api/v1/courses/by-slug/%s",
            "/api/v1/enrollments/%s", "/api/v1/invoices/%s", "/api/v1/courses/%s/lessons", "/api/v1/no-such-collection/%s");

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final String base = ConfigProvider.getConfig().getValue("test.url", String.class);
    final String token = Tokens.admin();

    @Test
    void distinctIdsAddNoSeries() throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            users.add(Fixtures.user("student"));
        }
        // Every kind of request once, so that each of their series exists.
        for (String template : TEMPLATES) {
            status(String.format(template, UUID.randomUUID()));
        }
        status("/api/v1/courses/by-slug/" + Fixtures.unique("slug").toLowerCase());
        api().get("/api/v1/users/{id}", users.get(0)).then().statusCode(200);
        Set<String> before = series();

        List<Integer> statuses = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                String path = i % 100 < 5 ? "/api/v1/users/" + users.get(i % 5)
                        : i % 100 < 10 ? "/api/v1/courses/by-slug/" + Fixtures.unique("slug").toLowerCase()
                        : String.format(TEMPLATES.get(i % TEMPLATES.size()), UUID.randomUUID());
                answers.add(clients.submit(() -> status(path)));
            }
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
        } finally {
            clients.shutdownNow();
        }
        Set<String> after = series();
        Set<String> added = new TreeSet<>(after);
        added.removeAll(before);

        assertThat(statuses).hasSize(REQUESTS).contains(200, 404).allMatch(status -> status == 200 || status == 404);
        assertThat(added).as("series added by %d requests to distinct ids (of %d series)", REQUESTS, after.size()).isEmpty();
    }

    int status(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base).resolve(path)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Every series of /q/metrics: its name and labels, without its value. */
    static Set<String> series() {
        return Management.metrics().lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.substring(0, line.lastIndexOf(' '))).collect(Collectors.toCollection(TreeSet::new));
    }
}
