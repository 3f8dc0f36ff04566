package dev.campus.observability;

import static dev.campus.support.Api.api;
import static dev.campus.support.Api.unchecked;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.campus.shared.TraceIds;
import dev.campus.support.Fixtures;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every request is traced: an HTTP server span, with a child span for each JDBC statement it runs, all in one trace;
 * a W3C traceparent sent by the caller is continued; and a problem body names the trace of its request
 * ({@code traceId}), so that a user's error report leads to the trace and its log lines.
 */
@QuarkusTest
class TracingTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PARENT_SPAN_ID = "00f067aa0ba902b7";
    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    RecordedSpans recorded;

    @BeforeEach
    void record() {
        recorded.start();
    }

    @AfterEach
    void forget() {
        recorded.stop();
    }

    @Test
    void aWriteIsOneTraceWithAServerSpanAndJdbcChildSpans() throws InterruptedException {
        String instructor = Fixtures.instructor();
        recorded.start();

        String course = Fixtures.course(instructor);

        SpanData server = awaitSpan(span -> span.getKind() == SpanKind.SERVER && span.getName().equals("POST /api/v1/courses"));
        List<SpanData> trace = awaitTrace(server.getTraceId(), spans -> spans.stream().anyMatch(TracingTest::isInsert));
        Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
        // Statements are CLIENT spans; DataSource.getConnection is an INTERNAL one.
        List<SpanData> jdbc = trace.stream().filter(TracingTest::isJdbc).toList();
        List<SpanData> statements = jdbc.stream().filter(span -> span.getKind() == SpanKind.CLIENT).toList();

        assertThat(course).isNotNull();
        assertThat(server.getParentSpanContext().isValid()).as("the server span starts the trace").isFalse();
        assertThat(statements).as("JDBC statement spans of the request").isNotEmpty().anyMatch(TracingTest::isInsert);
        for (SpanData statement : jdbc) {
            assertThat(statement.getTraceId()).as(statement.getName()).isEqualTo(server.getTraceId());
            assertThat(ancestors(statement, byId)).as("the ancestors of " + statement.getName()).contains(server.getSpanId());
        }
    }

    @Test
    void anIncomingTraceparentIsContinuedAndTheProblemNamesTheTrace() throws InterruptedException {
        String traceId = unchecked(dev.campus.support.Tokens.admin()).header("traceparent", "00-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-01")
                .get("/api/v1/users/{id}", "0190b4a2-7d1e-7c3a-9f1b-2b6f0c1d2e3f")
                .then().statusCode(404).contentType("application/problem+json").extract().path(TraceIds.MEMBER);

        SpanData server = awaitSpan(span -> span.getKind() == SpanKind.SERVER && span.getTraceId().equals(TRACE_ID));

        assertThat(traceId).isEqualTo(TRACE_ID);
        assertThat(server.getName()).isEqualTo("GET /api/v1/users/{id}");
        assertThat(server.getParentSpanContext().getSpanId()).as("parent of the server span").isEqualTo(PARENT_SPAN_ID);
        assertThat(server.getParentSpanContext().isRemote()).isTrue();
    }

    @Test
    void aProblemBodyCarriesTheTraceIdOfItsRequest() throws InterruptedException {
        String traceId = dev.campus.support.Api.apiWithInvalidRequest().contentType("application/json").body(Map.of("slug", "Not A Slug")).post("/api/v1/courses")
                .then().statusCode(400).extract().path(TraceIds.MEMBER);

        SpanData server = awaitSpan(span -> span.getKind() == SpanKind.SERVER && span.getName().equals("POST /api/v1/courses"));

        assertThat(traceId).matches("[0-9a-f]{32}").isEqualTo(server.getTraceId());
    }

    @Test
    void aProblemAnsweredBelowTheRestLayerCarriesTheTraceIdToo() throws InterruptedException {
        // 405 is answered by a Vert.x route (AllowedMethods), where no exception mapper runs.
        String user = Fixtures.user("student");
        recorded.start();
        String traceId = io.restassured.RestAssured.given().contentType("application/json").body("{}")
                .post("/api/v1/users/{id}", user).then().statusCode(405).extract().path(TraceIds.MEMBER);

        SpanData server = awaitSpan(span -> span.getKind() == SpanKind.SERVER && span.getTraceId().equals(traceId));

        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(server.getName()).startsWith("POST");
    }

    // ---- spans ----

    static boolean isJdbc(SpanData span) {
        return span.getAttributes().asMap().entrySet().stream()
                .anyMatch(attribute -> attribute.getKey().getKey().equals("db.system") || attribute.getKey().getKey().equals("db.system.name"));
    }

    static boolean isInsert(SpanData span) {
        return isJdbc(span) && (span.getName().toUpperCase(Locale.ROOT).startsWith("INSERT")
                || span.getAttributes().asMap().values().stream().anyMatch(value -> value.toString().toLowerCase(Locale.ROOT).startsWith("insert")));
    }

    /** The span ids from this span's parent up to the root, as far as they were recorded. */
    static List<String> ancestors(SpanData span, Map<String, SpanData> byId) {
        List<String> ids = new java.util.ArrayList<>();
        Optional<SpanData> parent = Optional.ofNullable(byId.get(span.getParentSpanId()));
        ids.add(span.getParentSpanId());
        while (parent.isPresent()) {
            ids.add(parent.get().getParentSpanId());
            parent = Optional.ofNullable(byId.get(parent.get().getParentSpanId()));
        }
        return ids;
    }

    SpanData awaitSpan(Predicate<SpanData> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<SpanData> found = recorded.spans().stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no such span within " + WAIT + "; recorded: " + describe(recorded.spans()));
    }

    List<SpanData> awaitTrace(String traceId, Predicate<List<SpanData>> complete) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<SpanData> trace = List.of();
        while (System.nanoTime() < deadline) {
            trace = recorded.spans().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
            if (complete.test(trace)) {
                return trace;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("trace " + traceId + " incomplete within " + WAIT + ": " + describe(trace));
    }

    static String describe(List<SpanData> spans) {
        return spans.stream().map(span -> span.getKind() + " " + span.getName() + " " + span.getTraceId() + "/" + span.getSpanId() + "<-"
                + span.getParentSpanId() + " " + span.getAttributes()).collect(Collectors.joining("\n  ", "\n  ", ""));
    }
}
