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
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.campus.support.Contract;
import dev.campus.support.Fixtures;
import dev.campus.support.Tokens;
import dev.campus.support.WebhookSamples;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * RFC 9110 preconditions on every conditional write (every operation whose contract declares a 412), one test per
 * rule, one case per operation of the served document: a stale If-Match (a version the resource had, or one it
 * never had) and an If-None-Match naming the current version or "*" are 412 problems that change nothing, the
 * resource keeps its body and its ETag; an If-Match naming the current version lets the write through and the
 * ETag moves to the next version. The table must name every such operation of the served document.
 */
@QuarkusTest
class ConditionalWritesTest {

    /**
     * Fresh resources for one case, each changed once so that a version before the current one exists: a user
     * with no enrollments, a draft course with a published lesson, a published course, a pending enrollment in it
     * with its open invoice, a paid invoice (what a refund needs) and a webhook endpoint.
     */
    record World(String user, String draft, String lesson, String published, String enrollment, String invoice, String paidInvoice,
            String webhookEndpoint) {
        static World create() {
            String user = Fixtures.user("student");
            api().contentType("application/merge-patch+json").body(Map.of("displayName", "Changed once")).patch("/api/v1/users/{id}", user)
                    .then().statusCode(200);
            String instructor = Fixtures.instructor();
            String draft = Fixtures.course(instructor);
            String lesson = Fixtures.lesson(draft, "Conditional", true);
            api().contentType("application/merge-patch+json").body(Map.of("title", "Changed once")).patch("/api/v1/courses/{id}", draft)
                    .then().statusCode(200);
            api().contentType("application/merge-patch+json").body(Map.of("title", "Changed once"))
                    .patch("/api/v1/courses/{id}/lessons/{l}", draft, lesson).then().statusCode(200);
            String published = Fixtures.publishedCourse(instructor);
            Fixtures.Enrollment pending = Fixtures.enroll(Fixtures.user("student"), published);
            Fixtures.Enrollment paid = Fixtures.enroll(Fixtures.user("student"), published);
            api().body(Fixtures.payment(4900)).post("/api/v1/invoices/{id}/pay", paid.invoice()).then().statusCode(200);
            String endpoint = WebhookSamples.endpoint();
            api().contentType("application/merge-patch+json").body(Map.of("eventTypes", List.of("course.*")))
                    .patch("/api/v1/webhook-endpoints/{id}", endpoint).then().statusCode(200);
            return new World(user, draft, lesson, published, pending.id(), pending.invoice(), paid.invoice(), endpoint);
        }
    }

    /** An operation: the URL of the resource whose ETag guards it, and the call itself. */
    record Write(Function<World, String> resource, BiFunction<RequestSpecification, World, Response> call) {
    }

    static final Map<String, Write> WRITES = new LinkedHashMap<>();

    static void write(String operationId, Function<World, String> resource, BiFunction<RequestSpecification, World, Response> call) {
        WRITES.put(operationId, new Write(resource, call));
    }

    static {
        write("replaceUser", w -> "/api/v1/users/" + w.user(), (r, w) -> r.body(Map.of("email", Fixtures.unique("c") + "@example.com",
                "displayName", "C", "role", "student")).put("/api/v1/users/{id}", w.user()));
        write("patchUser", w -> "/api/v1/users/" + w.user(), (r, w) -> r.contentType("application/merge-patch+json")
                .body(Map.of("displayName", "C")).patch("/api/v1/users/{id}", w.user()));
        write("deleteUser", w -> "/api/v1/users/" + w.user(), (r, w) -> r.delete("/api/v1/users/{id}", w.user()));
        write("replaceCourse", w -> "/api/v1/courses/" + w.draft(), (r, w) -> r.body(Map.of("slug", Fixtures.unique("c"), "title", "C",
                "instructorId", api().get("/api/v1/courses/{id}", w.draft()).then().extract().path("instructorId"),
                "price", Map.of("amount", 100, "currency", "EUR"))).put("/api/v1/courses/{id}", w.draft()));
        write("patchCourse", w -> "/api/v1/courses/" + w.draft(), (r, w) -> r.contentType("application/merge-patch+json")
                .body(Map.of("title", "C")).patch("/api/v1/courses/{id}", w.draft()));
        write("deleteCourse", w -> "/api/v1/courses/" + w.draft(), (r, w) -> r.delete("/api/v1/courses/{id}", w.draft()));
        write("publishCourse", w -> "/api/v1/courses/" + w.draft(), (r, w) -> r.post("/api/v1/courses/{id}/publish", w.draft()));
        write("archiveCourse", w -> "/api/v1/courses/" + w.published(), (r, w) -> r.post("/api/v1/courses/{id}/archive", w.published()));
        write("replaceLesson", w -> "/api/v1/courses/" + w.draft() + "/lessons/" + w.lesson(), (r, w) -> r.body(Map.of("title", "C",
                "durationMinutes", 3, "published", true)).put("/api/v1/courses/{id}/lessons/{l}", w.draft(), w.lesson()));
        write("patchLesson", w -> "/api/v1/courses/" + w.draft() + "/lessons/" + w.lesson(), (r, w) -> r.contentType("application/merge-patch+json")
                .body(Map.of("title", "C")).patch("/api/v1/courses/{id}/lessons/{l}", w.draft(), w.lesson()));
        write("deleteLesson", w -> "/api/v1/courses/" + w.draft() + "/lessons/" + w.lesson(),
                (r, w) -> r.delete("/api/v1/courses/{id}/lessons/{l}", w.draft(), w.lesson()));
        write("cancelEnrollment", w -> "/api/v1/enrollments/" + w.enrollment(), (r, w) -> r.post("/api/v1/enrollments/{id}/cancel", w.enrollment()));
        write("payInvoice", w -> "/api/v1/invoices/" + w.invoice(), (r, w) -> r.body(Fixtures.payment(4900))
                .post("/api/v1/invoices/{id}/pay", w.invoice()));
        write("voidInvoice", w -> "/api/v1/invoices/" + w.invoice(), (r, w) -> r.post("/api/v1/invoices/{id}/void", w.invoice()));
        write("patchWebhookEndpoint", w -> "/api/v1/webhook-endpoints/" + w.webhookEndpoint(), (r, w) -> r
                .contentType("application/merge-patch+json").body(Map.of("enabled", false)).patch("/api/v1/webhook-endpoints/{id}", w.webhookEndpoint()));
        write("deleteWebhookEndpoint", w -> "/api/v1/webhook-endpoints/" + w.webhookEndpoint(),
                (r, w) -> r.delete("/api/v1/webhook-endpoints/{id}", w.webhookEndpoint()));
        write("refundInvoice", w -> "/api/v1/invoices/" + w.paidInvoice(), (r, w) -> r.post("/api/v1/invoices/{id}/refund", w.paidInvoice()));
    }

    /** The resource as read: status, ETag and body. */
    record Read(int status, String etag, String body) {
        static Read of(String url) {
            Response response = api().get(url).andReturn();
            return new Read(response.statusCode(), response.header("ETag"), response.asString());
        }

        /** The version the ETag names ("\"3\"": 3). */
        int version() {
            return Integer.parseInt(etag.replace("\"", ""));
        }
    }

    static String tag(int version) {
        return "\"" + version + "\"";
    }

    /** One dynamic test per operation of the served document that declares a 412, named after it. */
    static Stream<DynamicTest> everyConditionalWrite(BiFunction<String, Write, Runnable> check) {
        return Contract.operations().stream().filter(operation -> operation.responses().contains("412")).map(operation -> {
            Write write = WRITES.get(operation.id());
            return DynamicTest.dynamicTest(operation.toString(), () -> {
                assertThat(write).as("a row in WRITES for " + operation).isNotNull();
                check.apply(operation.id(), write).run();
            });
        });
    }

    /** Every header value the current version fails: each is answered 412 as a problem, and nothing changes. */
    static Runnable refusesAndChangesNothing(String operation, Write write, String header, Function<Read, List<String>> values) {
        return () -> {
            World world = World.create();
            String url = write.resource().apply(world);
            Read before = Read.of(url);
            assertThat(before.status()).as(url).isEqualTo(200);
            for (String value : values.apply(before)) {
                Response response = write.call().apply(unchecked(Tokens.admin()).header(header, value), world);
                Read after = Read.of(url);
                String exchange = operation + " with " + header + ": " + value + " (current " + before.etag() + ")";
                assertThat(response.statusCode()).as(exchange).isEqualTo(412);
                assertThat(response.contentType()).as(exchange).startsWith("application/problem+json");
                assertThat(after).as(exchange + ": the resource changed").isEqualTo(before);
            }
        };
    }

    @TestFactory
    Stream<DynamicTest> aStaleIfMatchIs412AndChangesNothing() {
        return everyConditionalWrite((operation, write) -> refusesAndChangesNothing(operation, write, "If-Match", current -> {
            List<String> stale = new ArrayList<>(List.of(tag(999999)));
            if (current.version() > 0) {
                stale.add(tag(current.version() - 1));
            }
            return stale;
        }));
    }

    @TestFactory
    Stream<DynamicTest> ifNoneMatchStarOnAnExistingResourceIs412AndChangesNothing() {
        return everyConditionalWrite((operation, write) -> refusesAndChangesNothing(operation, write, "If-None-Match", current -> List.of("*")));
    }

    @TestFactory
    Stream<DynamicTest> ifNoneMatchNamingTheCurrentVersionIs412AndChangesNothing() {
        return everyConditionalWrite((operation, write) -> refusesAndChangesNothing(operation, write, "If-None-Match",
                current -> List.of(current.etag())));
    }

    @TestFactory
    Stream<DynamicTest> anIfMatchNamingTheCurrentVersionIsServedAndTheVersionMovesOn() {
        return everyConditionalWrite((operation, write) -> () -> {
            World world = World.create();
            String url = write.resource().apply(world);
            Read before = Read.of(url);
            int status = write.call().apply(unchecked(Tokens.admin()).header("If-Match", before.etag()), world).statusCode();
            Read after = Read.of(url);
            assertThat(status).as(operation + " with If-Match: " + before.etag()).isBetween(200, 299);
            if (after.status() != 404) {
                assertThat(after.etag()).as(operation + ": the ETag after the write").isEqualTo(tag(before.version() + 1));
            } else {
                assertThat(status).as(operation + " removed the resource").isEqualTo(204);
            }
        });
    }

    @Test
    void everyOperationThatDeclares412HasARow() {
        TreeSet<String> conditional = new TreeSet<>();
        Contract.operations().stream().filter(operation -> operation.responses().contains("412"))
                .forEach(operation -> conditional.add(operation.id()));
        assertThat(new TreeSet<>(WRITES.keySet())).isEqualTo(conditional);
    }
}
