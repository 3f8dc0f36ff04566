package dev.campus.event;

import static dev.campus.support.Api.api;
import static dev.campus.support.Api.unchecked;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.campus.shared.events.EventIds;
import dev.campus.support.Fixtures;
import dev.campus.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Every committed change of a resource is an event in the feed, written in its transaction: with the type its
 * transition has and the representation the API answered; a refused request writes none; a consumer polling with
 * its cursor sees every event once and in order, also when transactions commit in the opposite order of their ids.
 */
@QuarkusTest
class EventFeedTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    /** The events about one resource, in feed order. */
    static List<JsonNode> eventsAbout(String subject) {
        return items(api().queryParam("subject", subject).queryParam("limit", 100).get("/api/v1/events"));
    }

    static List<JsonNode> items(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        try {
            JSON.readTree(response.asString()).get("items").forEach(items::add);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return items;
    }

    static List<String> types(List<JsonNode> events) {
        return events.stream().map(event -> event.get("type").asText()).toList();
    }

    static JsonNode ofType(List<JsonNode> events, String type) {
        return events.stream().filter(event -> event.get("type").asText().equals(type)).findFirst().orElseThrow();
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aCreatedAndChangedUserIsTwoEventsCarryingWhatTheApiAnswered() {
        Response created = api().body(Map.of("email", Fixtures.unique("ev") + "@example.com", "displayName", "Eve", "role", "student"))
                .post("/api/v1/users");
        String id = created.then().statusCode(201).extract().path("id");
        Response patched = api().contentType("application/merge-patch+json").body(Map.of("displayName", "Eve Patched"))
                .patch("/api/v1/users/{id}", id);
        patched.then().statusCode(200);

        List<JsonNode> events = eventsAbout("/api/v1/users/" + id);
        assertThat(types(events)).containsExactly("user.created", "user.updated");
        JsonNode first = events.get(0);
        assertThat(first.get("specversion").asText()).isEqualTo("1.0");
        assertThat(first.get("source").asText()).isEqualTo("/campus");
        assertThat(first.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(first.get("subject").asText()).isEqualTo("/api/v1/users/" + id);
        assertThat(first.get("data")).isEqualTo(json(created.asString()));
        assertThat(events.get(1).get("data")).isEqualTo(json(patched.asString()));
        assertThat(json(api().get("/api/v1/events/{id}", first.get("id").asText()).then().statusCode(200).extract().asString()))
                .isEqualTo(first);
    }

    @Test
    void enrollingAndPayingAreTheirTransitionsEvents() {
        String instructor = Fixtures.instructor();
        String course = Fixtures.publishedCourse(instructor, 4900, null);
        String student = Fixtures.user("student");
        var enrolled = api().body(Map.of("userId", student, "courseId", course)).post("/api/v1/enrollments").then().statusCode(201).extract();
        String enrollment = enrolled.path("id");
        String invoice = enrolled.path("invoiceId");
        Response paid = api().body(Map.of("paymentReference", Fixtures.unique("psp"), "amount", Map.of("amount", 4900, "currency", "EUR")))
                .post("/api/v1/invoices/{id}/pay", invoice);
        paid.then().statusCode(200);

        assertThat(types(eventsAbout("/api/v1/courses/" + course))).containsExactly("course.created", "course.published");
        assertThat(types(eventsAbout("/api/v1/enrollments/" + enrollment))).containsExactly("enrollment.created", "enrollment.activated");
        List<JsonNode> invoiceEvents = eventsAbout("/api/v1/invoices/" + invoice);
        // one transaction's events come in the order Hibernate flushed its rows: the payment's insert before the invoice's update
        assertThat(types(invoiceEvents)).containsExactlyInAnyOrder("invoice.opened", "invoice.paid", "payment.recorded");
        assertThat(invoiceEvents.get(0).get("type").asText()).isEqualTo("invoice.opened");
        assertThat(ofType(invoiceEvents, "invoice.paid").get("data")).isEqualTo(json(paid.asString()));
        assertThat(ofType(invoiceEvents, "payment.recorded").get("data").get("amount").get("amount").asLong()).isEqualTo(4900);
        JsonNode activated = eventsAbout("/api/v1/enrollments/" + enrollment).get(1).get("data");
        assertThat(activated).isEqualTo(json(api().get("/api/v1/enrollments/{id}", enrollment).asString()));

        // the types filter: exact types repeated, and a resource's prefix
        List<JsonNode> filtered = items(api().queryParam("subject", "/api/v1/invoices/" + invoice).queryParam("type", "invoice.paid")
                .queryParam("type", "payment.*").get("/api/v1/events"));
        // in flush order, as above: the payment's insert before the invoice's update
        assertThat(types(filtered)).containsExactly("payment.recorded", "invoice.paid");
        unchecked(Tokens.admin()).queryParam("type", "invoice.nonsense").get("/api/v1/events").then().statusCode(400);
    }

    @Test
    void reorderingLessonsIsAReorderedEventPerMovedLesson() {
        String instructor = Fixtures.instructor();
        String course = Fixtures.course(instructor);
        String first = Fixtures.lesson(course, "One", true);
        String second = Fixtures.lesson(course, "Two", true);
        api().body(Map.of("lessonIds", List.of(second, first))).post("/api/v1/courses/{id}/lessons/reorder", course).then().statusCode(200);

        List<JsonNode> events = eventsAbout("/api/v1/courses/" + course + "/lessons/" + first);
        assertThat(types(events)).containsExactly("lesson.created", "lesson.reordered");
        assertThat(events.get(1).get("data").get("position").asInt()).isEqualTo(2);
        assertThat(events.get(1).get("data")).isEqualTo(json(api().get("/api/v1/courses/{c}/lessons/{l}", course, first).asString()));
    }

    @Test
    void aRefusedRequestWritesNoEvent() throws Exception {
        String instructor = Fixtures.instructor();
        String course = Fixtures.course(instructor);
        long before = countEvents();
        // 409: a draft course without a published lesson cannot be published (the transaction rolls back)
        unchecked(Tokens.admin()).post("/api/v1/courses/{id}/publish", course).then().statusCode(409);
        unchecked(Tokens.admin()).body(Map.of("email", "not an email", "displayName", "X", "role", "student")).post("/api/v1/users").then().statusCode(400);
        assertThat(countEvents()).isEqualTo(before);
        assertThat(types(eventsAbout("/api/v1/courses/" + course))).containsExactly("course.created");
    }

    @Test
    void onlyServicesAndAdminsReadTheFeed() {
        dev.campus.support.Api.as(Tokens.forUser(Fixtures.user("student"), "student")).get("/api/v1/events").then().statusCode(403);
    }

    /**
     * Two transactions write events; the one with the smaller event id commits last. A consumer polls between the
     * commits with its cursor: it never sees the later-id event ahead of the earlier one, and in the end it has seen
     * both exactly once, in id order.
     */
    @Test
    void aPollingConsumerSeesEveryEventOnceAlsoWhenTransactionsCommitOutOfIdOrder() throws Exception {
        String subject = "/test/commit-order/" + UUID.randomUUID();
        UUID marker = insertCommitted(subject);
        String cursor = pollAll(subject, null, new ArrayList<>());
        assertThat(cursor).as("the feed names the position after its last event").isNotNull();

        UUID earlier = EventIds.next();
        UUID later = EventIds.next();
        List<String> seen = new ArrayList<>();
        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            insert(first, earlier, subject); // the smaller id, in the transaction that started first
            insert(second, later, subject);
            second.commit(); // the larger id commits first
            cursor = pollAll(subject, cursor, seen);
            assertThat(seen).as("nothing shows while an earlier transaction could still add an event before it").isEmpty();
            first.commit();
        }
        cursor = pollAll(subject, cursor, seen);
        pollAll(subject, cursor, seen);
        assertThat(seen).containsExactly(earlier.toString(), later.toString());
        assertThat(marker).isNotNull();
    }

    /** Polls with the cursor until a page is empty, adding what it sees; returns the cursor to poll with next. */
    static String pollAll(String subject, String cursor, List<String> seen) {
        while (true) {
            var request = api().queryParam("subject", subject).queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response response = request.get("/api/v1/events");
            List<JsonNode> items = items(response);
            String next = response.path("nextCursor");
            if (items.isEmpty()) {
                return next == null ? cursor : next;
            }
            items.forEach(item -> seen.add(item.get("id").asText()));
            cursor = next;
        }
    }

    UUID insertCommitted(String subject) throws Exception {
        UUID id = EventIds.next();
        try (Connection connection = dataSource.getConnection()) {
            insert(connection, id, subject);
        }
        return id;
    }

    static void insert(Connection connection, UUID id, String subject) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into events (id, type, source, subject, occurred_at, data) values (?, 'lesson_completion.recorded', '/campus', ?, ?, ?::jsonb)")) {
            insert.setObject(1, id);
            insert.setString(2, subject);
            insert.setTimestamp(3, Timestamp.from(Instant.now()));
            insert.setString(4, "{\"enrollmentId\": \"" + UUID.randomUUID() + "\", \"lessonId\": \"" + UUID.randomUUID()
                    + "\", \"completedAt\": \"2026-11-29T10:00:00Z\"}");
            insert.executeUpdate();
        }
    }

    long countEvents() throws Exception {
        try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement();
                var rows = statement.executeQuery("select count(*) from events")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
