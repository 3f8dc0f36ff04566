package dev.campus.shared;

import static dev.campus.support.Api.api;
import static dev.campus.support.Fixtures.UNKNOWN_ID;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.campus.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Operations can see the service: liveness, readiness (including the database) and startup probes answer UP, and
 * Prometheus metrics time every endpoint by its URI template, never by a concrete id (one series per endpoint,
 * not one per resource).
 */
@QuarkusTest
class HealthAndMetricsTest {

    static final String USERS = "/api/v1/users";
    static final String REQUEST_COUNT = "http_server_requests_seconds_count{";
    static final int TOO_LARGE = 64 * 1024 + 1;

    @ParameterizedTest
    @ValueSource(strings = { "/q/health/live", "/q/health/ready", "/q/health/started", "/q/health" })
    void healthProbesAnswerUp(String probe) {
        given().get(probe).then().statusCode(200).body("status", equalTo("UP")).body("checks.status", everyItem(equalTo("UP")));
    }

    @Test
    void readinessIncludesTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.find { it.name.contains('Database') }.status", equalTo("UP"));
    }

    static List<String> requestCountLines() {
        // Prometheus text format; with Accept: */* the registry answers OpenMetrics instead.
        String metrics = given().accept("text/plain").get("/q/metrics").then().statusCode(200).contentType(startsWith("text/plain"))
                .extract().asString();
        return metrics.lines().filter(line -> line.startsWith(REQUEST_COUNT)).toList();
    }

    @Test
    void requestTimingsAreLabelledWithTheUriTemplate() {
        String user = Fixtures.user("student");
        api().get(USERS + "/{id}", user).then().statusCode(200);
        api().get(USERS + "/{id}", user).then().statusCode(200);
        api().get(USERS + "/{id}", UNKNOWN_ID).then().statusCode(404);
        api().contentType("application/merge-patch+json").body(Map.of("bio", "Timed")).patch(USERS + "/{id}", user).then().statusCode(200);

        List<String> lines = requestCountLines();

        assertThat(lines, hasItem(containsString("uri=\"/api/v1/users/{id}\"")));
        assertThat(lines.stream().filter(line -> line.contains("method=\"GET\"") && line.contains("status=\"200\"")
                && line.contains("uri=\"/api/v1/users/{id}\"")).toList(), not(empty()));
        assertThat(lines.stream().filter(line -> line.contains("method=\"PATCH\"") && line.contains("uri=\"/api/v1/users/{id}\"")).toList(),
                not(empty()));
        assertThat("no series is labelled with a concrete id", lines.stream()
                .filter(line -> line.contains(user) || line.contains(UNKNOWN_ID)).toList(), empty());
    }

    @Test
    void requestsRefusedBeforeReachingAResourceMethodAreNotLabelledWithTheirId() {
        String user = Fixtures.user("student");
        String course = Fixtures.course(Fixtures.instructor());
        // 415, 406, 405 and 413 are answered before a resource method (and with it the URI template) is chosen.
        // Plain REST-assured: the spec does not declare these answers for every one of these operations.
        given().contentType("text/plain").body("bio=x").patch(USERS + "/{id}", user).then().statusCode(415);
        given().accept("application/xml").get(USERS + "/{id}", user).then().statusCode(406);
        given().contentType("text/plain").body("x").post("/api/v1/courses/{id}/publish", course).then().statusCode(415);
        given().contentType("application/json").body("{}").post(USERS + "/{id}", user).then().statusCode(405);
        given().contentType("application/json").body("{\"bio\": \"" + "x".repeat(TOO_LARGE) + "\"}").put(USERS + "/{id}", user)
                .then().statusCode(413);

        List<String> withIds = requestCountLines().stream().filter(line -> line.contains(user) || line.contains(course)).toList();

        assertThat("series labelled with a concrete id (one series per resource, unbounded): " + withIds, withIds, empty());
    }
}
