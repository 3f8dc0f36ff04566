package dev.campus.security;

import static dev.campus.support.Api.api;
import static dev.campus.support.Api.unchecked;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.campus.support.Fixtures;
import dev.campus.support.Tokens;
import dev.campus.support.WebhookSamples;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * Who may call what: one row per operation of the served OpenAPI document, one column per caller. "own" means
 * the caller's own user, enrollment and invoice, and for the instructor the course they teach; "other" means
 * another student's and another instructor's. The test fails when an operation has no row, so no endpoint
 * ships unguarded.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    /** The table, shared with the contract's "Who may call" lines: src/main/resources/openapi/authorization-matrix.txt. */
    static final String MATRIX = dev.campus.system.AuthorizationTable.text();

    /**
     * Two sides, each a student enrolled (payment pending) in a published paid course of its instructor:
     * side A is the caller's own, side B somebody else's. Operations that change state get fresh sides per
     * cell, so cells cannot interfere.
     */
    record Side(String student, String instructor, String course, String slug, String lesson, String enrollment, String invoice) {
        static Side create() {
            String student = Fixtures.user("student");
            String instructor = Fixtures.instructor();
            String course = Fixtures.publishedCourse(instructor, 4900, null);
            String slug = api().get("/api/v1/courses/{id}", course).then().extract().path("slug");
            String lesson = api().get("/api/v1/courses/{id}/lessons", course).then().extract().path("items[0].id");
            var enrolled = api().body(Map.of("userId", student, "courseId", course)).post("/api/v1/enrollments").then().statusCode(201).extract();
            return new Side(student, instructor, course, slug, lesson, enrolled.path("id"), enrolled.path("invoiceId"));
        }
    }

    /** Operations that change what the others read: their cells get fresh sides. */
    static final java.util.Set<String> CHANGING = java.util.Set.of("deleteUser", "archiveCourse", "createLesson", "reorderLessons",
            "createEnrollment", "cancelEnrollment", "payInvoice", "voidInvoice", "refundInvoice");

    /** A caller and the side whose resources the cell targets; "user" is the target user for user operations. */
    record Cell(String token, Side target, Side other, String user) {
    }

    static final Map<String, BiFunction<RequestSpecification, Cell, Integer>> OPERATIONS = new LinkedHashMap<>();

    static void operation(String id, BiFunction<RequestSpecification, Cell, Integer> call) {
        OPERATIONS.put(id, call);
    }

    /** The id of an event of the feed. */
    static String anyEvent() {
        return api().get("/api/v1/events?limit=1").then().statusCode(200).extract().path("items[0].id");
    }

    static Map<String, Object> user(String role) {
        return new HashMap<>(Map.of("email", Fixtures.unique("matrix") + "@example.com", "displayName", "Matrix", "role", role));
    }

    static String roleOf(String userId) {
        return api().get("/api/v1/users/{id}", userId).then().extract().path("role");
    }

    static Map<String, Object> course(String instructor, String slug) {
        return Map.of("slug", slug, "title", "Matrix course", "instructorId", instructor, "price", Map.of("amount", 4900, "currency", "EUR"));
    }

    static {
        operation("createUser", (r, c) -> r.body(user("student")).post("/api/v1/users").statusCode());
        operation("getUser", (r, c) -> r.get("/api/v1/users/{id}", c.user()).statusCode());
        operation("listUsers", (r, c) -> r.get("/api/v1/users").statusCode());
        operation("replaceUser", (r, c) -> {
            Map<String, Object> body = user(roleOf(c.user()));
            return r.body(body).put("/api/v1/users/{id}", c.user()).statusCode();
        });
        operation("patchUser", (r, c) -> r.contentType("application/merge-patch+json").body(Map.of("displayName", "Patched"))
                .patch("/api/v1/users/{id}", c.user()).statusCode());
        operation("deleteUser", (r, c) -> r.delete("/api/v1/users/{id}", c.user()).statusCode());
        operation("getBillingStanding", (r, c) -> r.get("/api/v1/users/{id}/billing", c.user()).statusCode());
        operation("createCourse", (r, c) -> r.body(course(c.target().instructor(), Fixtures.unique("matrix"))).post("/api/v1/courses").statusCode());
        operation("getCourse", (r, c) -> r.get("/api/v1/courses/{id}", c.target().course()).statusCode());
        operation("getCourseBySlug", (r, c) -> r.get("/api/v1/courses/by-slug/{slug}", c.target().slug()).statusCode());
        operation("listCourses", (r, c) -> r.get("/api/v1/courses").statusCode());
        operation("replaceCourse", (r, c) -> r.body(course(c.target().instructor(), c.target().slug())).put("/api/v1/courses/{id}", c.target().course()).statusCode());
        operation("patchCourse", (r, c) -> r.contentType("application/merge-patch+json").body(Map.of("title", "Patched"))
                .patch("/api/v1/courses/{id}", c.target().course()).statusCode());
        operation("deleteCourse", (r, c) -> r.delete("/api/v1/courses/{id}", c.target().course()).statusCode());
        operation("publishCourse", (r, c) -> r.post("/api/v1/courses/{id}/publish", c.target().course()).statusCode());
        operation("archiveCourse", (r, c) -> r.post("/api/v1/courses/{id}/archive", c.target().course()).statusCode());
        operation("createLesson", (r, c) -> r.body(Map.of("title", "Matrix", "durationMinutes", 5)).post("/api/v1/courses/{id}/lessons", c.target().course()).statusCode());
        operation("getLesson", (r, c) -> r.get("/api/v1/courses/{id}/lessons/{lesson}", c.target().course(), c.target().lesson()).statusCode());
        operation("listLessons", (r, c) -> r.get("/api/v1/courses/{id}/lessons", c.target().course()).statusCode());
        operation("replaceLesson", (r, c) -> r.body(Map.of("title", "Replaced", "durationMinutes", 7, "published", true))
                .put("/api/v1/courses/{id}/lessons/{lesson}", c.target().course(), c.target().lesson()).statusCode());
        operation("patchLesson", (r, c) -> r.contentType("application/merge-patch+json").body(Map.of("title", "Patched"))
                .patch("/api/v1/courses/{id}/lessons/{lesson}", c.target().course(), c.target().lesson()).statusCode());
        operation("deleteLesson", (r, c) -> r.delete("/api/v1/courses/{id}/lessons/{lesson}", c.target().course(), c.target().lesson()).statusCode());
        operation("reorderLessons", (r, c) -> r.body(Map.of("lessonIds", List.of(c.target().lesson())))
                .post("/api/v1/courses/{id}/lessons/reorder", c.target().course()).statusCode());
        // Enroll the target side's user into the other side's course (where they have no enrollment yet).
        operation("createEnrollment", (r, c) -> r.body(Map.of("userId", c.user(), "courseId", c.other().course()))
                .post("/api/v1/enrollments").statusCode());
        operation("getEnrollment", (r, c) -> r.get("/api/v1/enrollments/{id}", c.target().enrollment()).statusCode());
        operation("listEnrollments", (r, c) -> r.get("/api/v1/enrollments").statusCode());
        operation("cancelEnrollment", (r, c) -> r.post("/api/v1/enrollments/{id}/cancel", c.target().enrollment()).statusCode());
        operation("completeLesson", (r, c) -> r.put("/api/v1/enrollments/{id}/lessons/{lesson}/completion", c.target().enrollment(), c.target().lesson()).statusCode());
        operation("undoLessonCompletion", (r, c) -> r.delete("/api/v1/enrollments/{id}/lessons/{lesson}/completion", c.target().enrollment(), c.target().lesson()).statusCode());
        operation("getProgress", (r, c) -> r.get("/api/v1/enrollments/{id}/progress", c.target().enrollment()).statusCode());
        operation("getInvoice", (r, c) -> r.get("/api/v1/invoices/{id}", c.target().invoice()).statusCode());
        operation("listInvoices", (r, c) -> r.get("/api/v1/invoices").statusCode());
        operation("payInvoice", (r, c) -> r.body(Map.of("paymentReference", Fixtures.unique("psp"), "amount", Map.of("amount", 4900, "currency", "EUR")))
                .post("/api/v1/invoices/{id}/pay", c.target().invoice()).statusCode());
        operation("voidInvoice", (r, c) -> r.post("/api/v1/invoices/{id}/void", c.target().invoice()).statusCode());
        operation("listEvents", (r, c) -> r.get("/api/v1/events").statusCode());
        operation("getEvent", (r, c) -> r.get("/api/v1/events/{id}", anyEvent()).statusCode());
        operation("createWebhookEndpoint", (r, c) -> r.body(Map.of("url", WebhookSamples.CLOSED_PORT_URL, "eventTypes", List.of("invoice.*")))
                .post("/api/v1/webhook-endpoints").statusCode());
        operation("getWebhookEndpoint", (r, c) -> r.get("/api/v1/webhook-endpoints/{id}", WebhookSamples.endpoint()).statusCode());
        operation("listWebhookEndpoints", (r, c) -> r.get("/api/v1/webhook-endpoints").statusCode());
        operation("patchWebhookEndpoint", (r, c) -> r.contentType("application/merge-patch+json").body(Map.of("description", "Patched"))
                .patch("/api/v1/webhook-endpoints/{id}", WebhookSamples.endpoint()).statusCode());
        operation("deleteWebhookEndpoint", (r, c) -> r.delete("/api/v1/webhook-endpoints/{id}", WebhookSamples.endpoint()).statusCode());
        operation("listWebhookDeliveries", (r, c) -> r.get("/api/v1/webhook-endpoints/{id}/deliveries", WebhookSamples.endpoint()).statusCode());
        operation("retryWebhookDelivery", (r, c) -> {
            String[] sample = WebhookSamples.endpointWithDeliveries();
            return r.post("/api/v1/webhook-endpoints/{id}/deliveries/{d}/retry", sample[0], sample[1]).statusCode();
        });
        operation("refundInvoice", (r, c) -> r.post("/api/v1/invoices/{id}/refund", c.target().invoice()).statusCode());
    }

    /** The caller of a column, and which side (and user) its cells target. */
    static Cell cell(String column, Side own, Side other) {
        return switch (column) {
            case "anonymous" -> new Cell(null, own, other, own.student());
            case "student own" -> new Cell(Tokens.forUser(own.student(), "student"), own, other, own.student());
            case "student other" -> new Cell(Tokens.forUser(own.student(), "student"), other, own, other.student());
            case "instructor own" -> new Cell(Tokens.forUser(own.instructor(), "instructor"), own, other, own.instructor());
            case "instructor other" -> new Cell(Tokens.forUser(own.instructor(), "instructor"), other, own, other.student());
            // A user with no enrollments or invoices, so that deleting them succeeds.
            case "admin" -> new Cell(Tokens.admin(), own, other, Fixtures.user("student"));
            case "service" -> new Cell(Tokens.service(), own, other, Fixtures.user("student"));
            default -> throw new IllegalArgumentException(column);
        };
    }

    @Test
    void everyOperationAnswersEveryCallerAsTheMatrixSays() {
        List<String> lines = MATRIX.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        String[] columns = lines.get(0).split("\\s*\\|\\s*");
        List<String> mismatches = new ArrayList<>();
        Side sharedOwn = Side.create();
        Side sharedOther = Side.create();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\\s*\\|\\s*");
            var call = OPERATIONS.get(cells[0]);
            assertThat(call).as("a call for " + cells[0]).isNotNull();
            for (int i = 1; i < columns.length; i++) {
                boolean fresh = CHANGING.contains(cells[0]);
                Cell cell = cell(columns[i], fresh ? Side.create() : sharedOwn, fresh ? Side.create() : sharedOther);
                int status = call.apply(unchecked(cell.token()), cell);
                if (status != Integer.parseInt(cells[i])) {
                    mismatches.add(cells[0] + " as " + columns[i] + ": expected " + cells[i] + ", got " + status);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void everyOperationOfTheContractHasARow() throws Exception {
        JsonNode spec = new ObjectMapper().readTree(RestAssured.given().get("/q/openapi?format=json").asString());
        TreeSet<String> operations = new TreeSet<>();
        spec.get("paths").forEach(path -> path.forEach(operation -> {
            if (operation.has("operationId")) {
                operations.add(operation.get("operationId").asText());
            }
        }));
        TreeSet<String> rows = new TreeSet<>();
        MATRIX.lines().skip(1).map(String::strip).filter(line -> !line.isEmpty()).forEach(line -> rows.add(line.split("\\s*\\|")[0]));
        assertThat(rows).isEqualTo(operations);
    }
}
