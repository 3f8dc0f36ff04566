package dev.campus.billing;

import static dev.campus.support.Api.api;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import dev.campus.support.Fixtures;
import dev.campus.support.Race;
import dev.campus.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The money invariants hold when requests race, because the database enforces them. (The seat race:
 * EnrollmentResourceTest.)
 */
@QuarkusTest
class ConcurrencyTest {

    static final long PRICE = 4900;

    @Test
    void twentyPaysWithOneIdempotencyKeyMakeOnePaymentAndTwentyIdenticalAnswers() throws Exception {
        String invoice = Fixtures.enrolledInPaidCourse(PRICE).invoice();
        Map<String, Object> payment = Fixtures.payment(PRICE);
        String key = Fixtures.unique("key");
        List<Callable<Response>> pays = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pays.add(() -> api().header("Idempotency-Key", key).body(payment).post("/api/v1/invoices/{id}/pay", invoice).andReturn());
        }

        List<Response> answers = Race.run(pays);

        assertThat(answers).extracting(Response::statusCode).containsOnly(200);
        assertThat(answers).extracting(Response::asString).containsOnly(answers.get(0).asString());
        assertThat(Sql.count("select count(*) from payments where invoice_id = cast(? as uuid)", invoice)).isEqualTo(1);
    }

    @Test
    void twoPaysWithDifferentKeysPayOnceAndTheOtherIsAConflict() throws Exception {
        String invoice = Fixtures.enrolledInPaidCourse(PRICE).invoice();
        List<Callable<Integer>> pays = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            pays.add(() -> api().header("Idempotency-Key", Fixtures.unique("key")).body(Fixtures.payment(PRICE))
                    .post("/api/v1/invoices/{id}/pay", invoice).then().extract().statusCode());
        }

        assertThat(Race.run(pays)).containsExactlyInAnyOrder(200, 409);
        assertThat(Sql.count("select count(*) from payments where invoice_id = cast(? as uuid)", invoice)).isEqualTo(1);
    }

    @Test
    void racingCancelAndPayNeverLeaveInvoiceAndEnrollmentContradicting() throws Exception {
        for (int round = 0; round < 10; round++) {
            String course = Fixtures.publishedCourse(Fixtures.instructor(), PRICE, null);
            String student = Fixtures.user("student");
            Fixtures.Enrollment created = Fixtures.enroll(student, course);
            String enrollment = created.id();
            String invoice = created.invoice();

            Race.run(List.<Callable<Integer>>of(
                    () -> api().post("/api/v1/enrollments/{id}/cancel", enrollment).then().extract().statusCode(),
                    () -> api().body(Fixtures.payment(PRICE)).post("/api/v1/invoices/{id}/pay", invoice).then().extract().statusCode(),
                    () -> api().body(Map.of("userId", student, "courseId", course)).post("/api/v1/enrollments").then().extract().statusCode()));

            String enrollmentStatus = api().get("/api/v1/enrollments/{id}", enrollment).then().extract().path("status");
            String invoiceStatus = api().get("/api/v1/invoices/{id}", invoice).then().extract().path("status");
            assertThat(enrollmentStatus + "/" + invoiceStatus).isIn("cancelled/void", "active/paid");
            assertThat(Sql.count("select count(*) from enrollments where user_id = cast(? as uuid) and status in ('pending_payment', 'active')", student))
                    .isLessThanOrEqualTo(1);
        }
    }
}
