package dev.campus;

import static dev.campus.support.Api.unchecked;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.campus.support.Contract;
import dev.campus.support.Contract.Operation;
import dev.campus.support.DatabaseState;
import dev.campus.support.Fixtures;
import dev.campus.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Idempotency-Key on every operation of the served document that takes one, one test per rule: the same key with
 * the same request replays the first response (Idempotent-Replayed: true) and writes nothing more; the same key
 * with another request is a 422 that changes nothing; a refused request does not use its key up; an empty key is
 * a 400 that changes nothing. The table must name every such operation of the served document.
 */
@QuarkusTest
class IdempotencyKeysTest {

    static final long PRICE = 4900;

    /**
     * Fresh requests for one case, all to the same path: one that succeeds, another one that would succeed too, and
     * one refused with {@code refusedStatus} by a rule of state.
     */
    record Requests(String path, Map<String, Object> request, Map<String, Object> another, Map<String, Object> refused, int refusedStatus) {
    }

    static final Map<String, Supplier<Requests>> OPERATIONS = new LinkedHashMap<>();

    static {
        OPERATIONS.put("createEnrollment", () -> {
            String instructor = Fixtures.instructor();
            String course = Fixtures.publishedCourse(instructor, PRICE, null);
            String draft = Fixtures.course(instructor);
            String student = Fixtures.user("student");
            return new Requests("/api/v1/enrollments", Map.of("userId", student, "courseId", course),
                    Map.of("userId", Fixtures.user("student"), "courseId", course), Map.of("userId", student, "courseId", draft), 409);
        });
        OPERATIONS.put("payInvoice", () -> new Requests("/api/v1/invoices/" + Fixtures.enrolledInPaidCourse(PRICE).invoice() + "/pay",
                Fixtures.payment(PRICE), Fixtures.payment(PRICE), Fixtures.payment(PRICE + 1), 422));
    }

    static Response send(Operation operation, Requests requests, String key, Map<String, Object> body) {
        return unchecked(Tokens.admin()).header("Idempotency-Key", key).body(body).request(operation.method(), requests.path());
    }

    /** One dynamic test per operation of the served document that takes an Idempotency-Key, named after it. */
    static Stream<DynamicTest> everyKeyedOperation(BiConsumer<Operation, Requests> check) {
        return Contract.operations().stream().filter(operation -> operation.parameter("header", "Idempotency-Key").isPresent())
                .map(operation -> DynamicTest.dynamicTest(operation.toString(), () -> {
                    assertThat(OPERATIONS).as("a row in OPERATIONS for " + operation).containsKey(operation.id());
                    check.accept(operation, OPERATIONS.get(operation.id()).get());
                }));
    }

    @TestFactory
    Stream<DynamicTest> theSameKeyWithTheSameRequestReplaysTheFirstResponseAndWritesNothingMore() {
        return everyKeyedOperation((operation, requests) -> {
            String key = Fixtures.unique("replay");
            Response first = send(operation, requests, key, requests.request());
            assertThat(first.statusCode()).as(operation + " first call: " + first.asString()).isBetween(200, 299);
            String written = DatabaseState.fingerprint();

            Response replay = send(operation, requests, key, requests.request());

            assertThat(replay.statusCode()).as(operation + " replay").isEqualTo(first.statusCode());
            assertThat(replay.header("Idempotent-Replayed")).as(operation + " replay").isEqualTo("true");
            assertThat(replay.asString()).as(operation + " replay").isEqualTo(first.asString());
            assertThat(DatabaseState.fingerprint()).as(operation + ": the replay wrote something").isEqualTo(written);
        });
    }

    @TestFactory
    Stream<DynamicTest> theSameKeyWithAnotherRequestIs422AndChangesNothing() {
        return everyKeyedOperation((operation, requests) -> {
            String key = Fixtures.unique("reuse");
            assertThat(send(operation, requests, key, requests.request()).statusCode()).as(operation + " first call").isBetween(200, 299);
            String written = DatabaseState.fingerprint();

            Response reused = send(operation, requests, key, requests.another());

            assertThat(reused.statusCode()).as(operation + ": " + reused.asString()).isEqualTo(422);
            assertThat(reused.contentType()).startsWith("application/problem+json");
            assertThat(reused.jsonPath().getString("detail")).contains("different request");
            assertThat(DatabaseState.fingerprint()).as(operation + ": the refused request wrote something").isEqualTo(written);
        });
    }

    @TestFactory
    Stream<DynamicTest> aRefusedRequestDoesNotUseItsKeyUp() {
        return everyKeyedOperation((operation, requests) -> {
            String key = Fixtures.unique("retry");
            assertThat(send(operation, requests, key, requests.refused()).statusCode()).as(operation + " refused call").isEqualTo(requests.refusedStatus());
            Response retried = send(operation, requests, key, requests.request());
            assertThat(retried.statusCode()).as(operation + " retried with the same key: " + retried.asString()).isBetween(200, 299);
        });
    }

    @TestFactory
    Stream<DynamicTest> anEmptyKeyIs400AndChangesNothing() {
        return everyKeyedOperation((operation, requests) -> {
            String before = DatabaseState.fingerprint();
            Response refused = send(operation, requests, "", requests.request());
            assertThat(refused.statusCode()).as(operation + ": " + refused.asString()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(DatabaseState.fingerprint()).as(operation + ": the refused request wrote something").isEqualTo(before);
        });
    }

    @TestFactory
    Stream<DynamicTest> twoKeysAre400AndChangeNothing() {
        return everyKeyedOperation((operation, requests) -> {
            String before = DatabaseState.fingerprint();
            Response refused = unchecked(Tokens.admin()).header("Idempotency-Key", Fixtures.unique("one")).header("Idempotency-Key", Fixtures.unique("two"))
                    .body(requests.request()).request(operation.method(), requests.path());
            assertThat(refused.statusCode()).as(operation + ": " + refused.asString()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(DatabaseState.fingerprint()).as(operation + ": the refused request wrote something").isEqualTo(before);
        });
    }

    @Test
    void everyOperationThatTakesAnIdempotencyKeyHasARow() {
        TreeSet<String> keyed = new TreeSet<>();
        Contract.operations().stream().filter(operation -> operation.parameter("header", "Idempotency-Key").isPresent())
                .forEach(operation -> keyed.add(operation.id()));
        assertThat(new TreeSet<>(OPERATIONS.keySet())).isEqualTo(keyed);
    }
}
