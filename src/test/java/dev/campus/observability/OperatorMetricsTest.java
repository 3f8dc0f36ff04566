package dev.campus.observability;

import static dev.campus.support.Api.api;
import static dev.campus.support.Management.management;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.campus.support.Fixtures;
import dev.campus.support.Management;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The signals operators alert on are in /q/metrics (management interface): the connection pool, Hibernate, the JVM
 * and the process, and HTTP server latency as a histogram whose buckets are the service's objectives (5 ms .. 5 s);
 * /q/info names the build and its git commit.
 */
@QuarkusTest
class OperatorMetricsTest {

    static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE);

    /** The metric names exported now. */
    static Set<String> names(String exposition) {
        Matcher series = SERIES.matcher(exposition);
        Set<String> names = new java.util.TreeSet<>();
        while (series.find()) {
            names.add(series.group(1));
        }
        return names;
    }

    @Test
    void poolHibernateJvmAndProcessMetricsAreExported() {
        api().get("/api/v1/users/{id}", Fixtures.user("student")).then().statusCode(200);

        Set<String> names = names(Management.metrics());

        assertThat(names).as("connection pool").contains("agroal_active_count", "agroal_available_count", "agroal_awaiting_count",
                "agroal_max_used_count", "agroal_acquire_count_total", "agroal_blocking_time_total_milliseconds");
        assertThat(names).as("Hibernate").anyMatch(name -> name.startsWith("hibernate_"));
        assertThat(names).as("JVM").contains("jvm_memory_used_bytes", "jvm_threads_live_threads").anyMatch(name -> name.startsWith("jvm_gc_"));
        assertThat(names).as("process").contains("process_cpu_usage", "process_uptime_seconds", "process_start_time_seconds");
    }

    @Test
    void httpServerLatencyIsAHistogramWithTheObjectivesAsBuckets() {
        api().get("/api/v1/users/{id}", Fixtures.user("student")).then().statusCode(200);

        List<String> buckets = Management.metrics().lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_bucket{") && line.contains("uri=\"/api/v1/users/{id}\"")
                        && line.contains("method=\"GET\"") && line.contains("status=\"200\""))
                .toList();
        Set<String> bounds = buckets.stream().map(line -> line.replaceAll(".*le=\"([^\"]+)\".*", "$1")).collect(Collectors.toSet());

        assertThat(bounds).containsExactlyInAnyOrder("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "+Inf");
    }

    @Test
    void infoNamesTheBuildAndItsCommit() {
        management().get("/q/info").then().statusCode(200)
                .body("build.artifact", equalTo("campus"))
                .body("build.version", notNullValue())
                .body("build.time", notNullValue())
                .body("git.commit.id", matchesPattern("[0-9a-f]{7,40}"))
                .body("java.version", notNullValue());
    }
}
