package dev.campus;

import static dev.campus.support.Api.api;
import static dev.campus.support.Api.unchecked;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.campus.support.Contract;
import dev.campus.support.Fixtures;
import dev.campus.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * RFC 9110 preconditions on every conditional write (every operation whose contract declares a 412): a stale
 * If-Match and an If-None-Match naming the current version or "*" are 412 problems that change nothing, the
 * resource keeps its ETag. The table must name every such operation of the served document.
 */
@QuarkusTest
class ConditionalWritesTest {

    /** Fresh resources for one call: a draft course with a lesson, a published one, a pending enrollment and its invoice. */
    record World(String user, String draft, String lesson, String published, String enrollment, String invoice) {
        static World create() {
            String instructor = Fixtures.instructor();
            String draft = Fixtures.course(instructor);
            String lesson = Fixtures.lesson(draft, "Conditional", true);
            String published = Fixtures.publishedCourse(instructor);
            String student = Fixtures.user("student");
            var enrolled = api().body(Map.of("userId", student, "courseId", published)).post("/api/v1/enrollments").then().statusCode(201).extract();
            return new World(student, draft, lesson, published, enrolled.path("id"), enrolled.path("invoiceId"));
        }
    }

    /** An operation: the URL of the resource whose ETag guards it, and the call itself. */
    record Write(BiFunction<World, Object, String> resource, BiFunction<RequestSpecification, World, Integer> call) {
    }

    static final Map<String, Write> WRITES = new LinkedHashMap<>();

    static void write(String operationId, BiFunction<World, Object, String> resource, BiFunction<RequestSpecification, World, Integer> call) {
        WRITES.put(operationId, new Write(resource, call));
    }

    static final Map<String, Object> PAYMENT = Map.of("paymentReference", "conditional", "amount", Map.of("amount", 4900, "currency", "EUR"));

    static {
        write("replaceUser", (w, x) -> "/api/v1/users/" + w.user(), (r, w) -> r.body(Map.of("email", Fixtures.unique("c") + "@example.com",
                "displayName", "C", "role", "student")).put("/api/v1/users/{id}", w.user()).statusCode());
        write("patchUser", (w, x) -> "/api/v1/users/" + w.user(), (r, w) -> r.contentType("application/merge-patch+json")
                .body(Map.of("displayName", "C")).patch("/api/v1/users/{id}", w.user()).statusCode());
        write("deleteUser", (w, x) -> "/api/v1/users/" + w.user(), (r, w) -> r.delete("/api/v1/users/{id}", w.user()).statusCode());
        write("replaceCourse", (w, x) -> "/api/v1/courses/" + w.draft(), (r, w) -> r.body(Map.of("slug", Fixtures.unique("c"), "title", "C",
                "instructorId", api().get("/api/v1/courses/{id}", w.draft()).then().extract().path("instructorId"),
                "price", Map.of("amount", 100, "currency", "EUR"))).put("/api/v1/courses/{id}", w.draft()).statusCode());
        write("patchCourse", (w, x) -> "/api/v1/courses/" + w.draft(), (r, w) -> r.contentType("application/merge-patch+json")
                .body(Map.of("title", "C")).patch("/api/v1/courses/{id}", w.draft()).statusCode());
        write("deleteCourse", (w, x) -> "/api/v1/courses/" + w.draft(), (r, w) -> r.delete("/api/v1/courses/{id}", w.draft()).statusCode());
        write("publishCourse", (w, x) -> "/api/v1/courses/" + w.draft(), (r, w) -> r.post("/api/v1/courses/{id}/publish", w.draft()).statusCode());
        write("archiveCourse", (w, x) -> "/api/v1/courses/" + w.published(), (r, w) -> r.post("/api/v1/courses/{id}/archive", w.published()).statusCode());
        write("replaceLesson", (w, x) -> "/api/v1/courses/" + w.draft() + "/lessons/" + w.lesson(), (r, w) -> r.body(Map.of("title", "C",
                "durationMinutes", 3, "published", true)).put("/api/v1/courses/{id}/lessons/{l}", w.draft(), w.lesson()).statusCode());
        write("patchLesson", (w, x) -> "/api/v1/courses/" + w.draft() + "/lessons/" + w.lesson(), (r, w) -> r.contentType("application/merge-patch+json")
                .body(Map.of("title", "C")).patch("/api/v1/courses/{id}/lessons/{l}", w.draft(), w.lesson()).statusCode());
        write("deleteLesson", (w, x) -> "/api/v1/courses/" + w.draft() + "/lessons/" + w.lesson(),
                (r, w) -> r.delete("/api/v1/courses/{id}/lessons/{l}", w.draft(), w.lesson()).statusCode());
        write("cancelEnrollment", (w, x) -> "/api/v1/enrollments/" + w.enrollment(), (r, w) -> r.post("/api/v1/enrollments/{id}/cancel", w.enrollment()).statusCode());
        write("payInvoice", (w, x) -> "/api/v1/invoices/" + w.invoice(), (r, w) -> r.body(Map.of("paymentReference", Fixtures.unique("psp"),
                "amount", Map.of("amount", 4900, "currency", "EUR"))).post("/api/v1/invoices/{id}/pay", w.invoice()).statusCode());
        write("voidInvoice", (w, x) -> "/api/v1/invoices/" + w.invoice(), (r, w) -> r.post("/api/v1/invoices/{id}/void", w.invoice()).statusCode());
        write("refundInvoice", (w, x) -> "/api/v1/invoices/" + w.invoice(), (r, w) -> r.post("/api/v1/invoices/{id}/refund", w.invoice()).statusCode());
    }

    static String etag(String url) {
        return api().get(url).then().statusCode(200).extract().header("ETag");
    }

    void assertEveryWriteRefuses(String header, java.util.function.Function<String, String> value) {
        List<String> wrong = new ArrayList<>();
        WRITES.forEach((operation, write) -> {
            World world = World.create();
            String url = write.resource().apply(world, null);
            String before = etag(url);
            int status = write.call().apply(unchecked(Tokens.admin()).header(header, value.apply(before)), world);
            String after = etag(url);
            if (status != 412 || !before.equals(after)) {
                wrong.add(operation + ": " + status + ", ETag " + before + " -> " + after);
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void aStaleIfMatchIs412AndChangesNothing() {
        assertEveryWriteRefuses("If-Match", current -> "\"999999\"");
    }

    @Test
    void ifNoneMatchStarOnAnExistingResourceIs412AndChangesNothing() {
        assertEveryWriteRefuses("If-None-Match", current -> "*");
    }

    @Test
    void ifNoneMatchNamingTheCurrentVersionIs412AndChangesNothing() {
        assertEveryWriteRefuses("If-None-Match", current -> current);
    }

    @Test
    void everyOperationThatDeclares412HasARow() {
        TreeSet<String> conditional = new TreeSet<>();
        Contract.operations().stream().filter(operation -> operation.responses().contains("412"))
                .forEach(operation -> conditional.add(operation.id()));
        assertThat(new TreeSet<>(WRITES.keySet())).isEqualTo(conditional);
    }
}
