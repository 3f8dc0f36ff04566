package dev.campus.observability;

import static dev.campus.support.Api.api;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.campus.support.Fixtures;
import dev.campus.support.Management;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Grafana dashboard in k8s/grafana queries what the service really exports: every metric its queries name is in
 * /q/metrics, with every label they match on (besides the labels Prometheus adds to a target: job, namespace, pod).
 * The Kafka relay's metrics exist only with the relay on: KafkaRelayIT checks those against a relay-on application.
 */
@QuarkusTest
public class GrafanaDashboardTest {

    /** The metrics of opt-in parts, exported only when they are on (checked where they are on). */
    public static final String OPT_IN_PREFIX = "campus_kafka_relay_";
    public static final Path DASHBOARD = Path.of("k8s", "grafana", "campus-dashboard.json");
    /** A metric name followed by its label matchers, or named by label_values(). */
    public static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)\\}|label_values\\(([a-zA-Z_:][a-zA-Z0-9_:]*)");
    static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");
    static final Set<String> TARGET_LABELS = Set.of("job", "namespace", "pod", "instance");

    @Test
    void everyMetricAndLabelTheDashboardQueriesIsExported() throws IOException {
        api().get("/api/v1/users/{id}", Fixtures.user("student")).then().statusCode(200);
        Map<String, Set<String>> exported = labelsByMetric(Management.metrics());

        List<String> queries = queries(new ObjectMapper().readTree(DASHBOARD.toFile()));
        SoftAssertions softly = new SoftAssertions();
        Set<String> named = new TreeSet<>();
        for (String query : queries) {
            Matcher selector = SELECTOR.matcher(query);
            boolean any = false;
            while (selector.find()) {
                any = true;
                String metric = selector.group(1) != null ? selector.group(1) : selector.group(3);
                named.add(metric);
                if (metric.startsWith(OPT_IN_PREFIX)) {
                    continue;
                }
                softly.assertThat(exported).as("metric " + metric + " of query " + query).containsKey(metric);
                if (selector.group(2) != null && exported.containsKey(metric)) {
                    Matcher label = MATCHER.matcher(selector.group(2));
                    while (label.find()) {
                        if (!TARGET_LABELS.contains(label.group(1))) {
                            softly.assertThat(exported.get(metric)).as("labels of " + metric + " in " + query).contains(label.group(1));
                        }
                    }
                }
            }
            softly.assertThat(any).as("a query names its metrics as name{...}: " + query).isTrue();
        }
        softly.assertAll();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(8);
        assertThat(named).contains("http_server_requests_seconds_bucket", "http_server_requests_seconds_count", "agroal_active_count");
    }

    /** Every PromQL text of the dashboard: panel targets and templating queries. */
    public static List<String> queries(JsonNode dashboard) {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panel.path("targets").forEach(target -> queries.add(target.path("expr").asText()));
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                JsonNode query = variable.path("query");
                queries.add(query.isObject() ? query.path("query").asText() : query.asText());
            }
        }
        return queries;
    }

    /** Metric name to the label names of its series, from the Prometheus text exposition. */
    public static Map<String, Set<String>> labelsByMetric(String exposition) {
        Map<String, Set<String>> labels = new TreeMap<>();
        Matcher series = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{((?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*)\\})? ", Pattern.MULTILINE).matcher(exposition);
        while (series.find()) {
            Set<String> names = labels.computeIfAbsent(series.group(1), metric -> new TreeSet<>());
            if (series.group(2) != null) {
                Matcher label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"").matcher(series.group(2));
                while (label.find()) {
                    names.add(label.group(1));
                }
            }
        }
        return labels;
    }
}
