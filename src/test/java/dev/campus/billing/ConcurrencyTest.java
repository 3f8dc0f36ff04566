package dev.campus.billing;

import static dev.campus.support.Api.api;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.campus.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The money-and-seats invariants hold when requests race, because the database enforces them. */
@QuarkusTest
class ConcurrencyTest {

    static final long PRICE = 4900;

    @Inject
    EntityManager entityManager;

    final ExecutorService pool = Executors.newFixedThreadPool(50);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    /** Starts all calls at the same moment and waits for every answer. */
    <T> List<T> race(List<Callable<T>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> call : calls) {
            futures.add(pool.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    long count(String sql, Object parameter) {
        return ((Number) entityManager.createNativeQuery(sql).setParameter(1, parameter).getSingleResult()).longValue();
    }

    @Test
    void fiftyStudentsRacingForTenSeatsFillExactlyTenSeats() throws Exception {
        String course = Fixtures.publishedCourse(Fixtures.instructor(), PRICE, 10);
        List<String> students = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            students.add(Fixtures.user("student"));
        }
        List<Callable<Integer>> enrollments = students.stream().<Callable<Integer>>map(student -> () -> api()
                .body(Map.of("userId", student, "courseId", course)).post("/api/v1/enrollments").then().extract().statusCode()).toList();

        List<Integer> statuses = race(enrollments);

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(10);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(40);
        assertThat(count("select count(*) from enrollments where course_id = cast(?1 as uuid) and status in ('pending_payment', 'active')", course))
                .isEqualTo(10);
    }

    @Test
    void twentyPaysWithOneIdempotencyKeyMakeOnePaymentAndTwentyIdenticalAnswers() throws Exception {
        String invoice = openInvoice();
        Map<String, Object> payment = Map.of("paymentReference", Fixtures.unique("psp"), "amount", Map.of("amount", PRICE, "currency", "EUR"));
        String key = Fixtures.unique("key");
        List<Callable<Response>> pays = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pays.add(() -> api().header("Idempotency-Key", key).body(payment).post("/api/v1/invoices/{id}/pay", invoice).andReturn());
        }

        List<Response> answers = race(pays);

        assertThat(answers).extracting(Response::statusCode).containsOnly(200);
        assertThat(answers).extracting(Response::asString).containsOnly(answers.get(0).asString());
        assertThat(count("select count(*) from payments where invoice_id = cast(?1 as uuid)", invoice)).isEqualTo(1);
    }

    @Test
    void twoPaysWithDifferentKeysPayOnceAndTheOtherIsAConflict() throws Exception {
        String invoice = openInvoice();
        List<Callable<Integer>> pays = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            pays.add(() -> api().header("Idempotency-Key", Fixtures.unique("key"))
                    .body(Map.of("paymentReference", Fixtures.unique("psp"), "amount", Map.of("amount", PRICE, "currency", "EUR")))
                    .post("/api/v1/invoices/{id}/pay", invoice).then().extract().statusCode());
        }

        assertThat(race(pays)).containsExactlyInAnyOrder(200, 409);
        assertThat(count("select count(*) from payments where invoice_id = cast(?1 as uuid)", invoice)).isEqualTo(1);
    }

    @Test
    void racingCancelAndPayNeverLeaveInvoiceAndEnrollmentContradicting() throws Exception {
        for (int round = 0; round < 10; round++) {
            String course = Fixtures.publishedCourse(Fixtures.instructor(), PRICE, null);
            String student = Fixtures.user("student");
            var created = api().body(Map.of("userId", student, "courseId", course)).post("/api/v1/enrollments").then().statusCode(201).extract();
            String enrollment = created.path("id");
            String invoice = created.path("invoiceId");

            race(List.<Callable<Integer>>of(
                    () -> api().post("/api/v1/enrollments/{id}/cancel", enrollment).then().extract().statusCode(),
                    () -> api().body(Map.of("paymentReference", Fixtures.unique("psp"), "amount", Map.of("amount", PRICE, "currency", "EUR")))
                            .post("/api/v1/invoices/{id}/pay", invoice).then().extract().statusCode(),
                    () -> api().body(Map.of("userId", student, "courseId", course)).post("/api/v1/enrollments").then().extract().statusCode()));

            String enrollmentStatus = api().get("/api/v1/enrollments/{id}", enrollment).then().extract().path("status");
            String invoiceStatus = api().get("/api/v1/invoices/{id}", invoice).then().extract().path("status");
            assertThat(enrollmentStatus + "/" + invoiceStatus).isIn("cancelled/void", "active/paid");
            assertThat(count("select count(*) from enrollments where user_id = cast(?1 as uuid) and status in ('pending_payment', 'active')", student))
                    .isLessThanOrEqualTo(1);
        }
    }

    static String openInvoice() {
        String course = Fixtures.publishedCourse(Fixtures.instructor(), PRICE, null);
        return api().body(Map.of("userId", Fixtures.user("student"), "courseId", course)).post("/api/v1/enrollments")
                .then().statusCode(201).extract().path("invoiceId");
    }
}
