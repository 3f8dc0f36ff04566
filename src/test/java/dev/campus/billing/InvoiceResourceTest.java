package dev.campus.billing;

import static dev.campus.support.Api.api;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.campus.support.Fixtures;
import dev.campus.support.Fixtures.Enrollment;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class InvoiceResourceTest {

    static final String INVOICES = "/api/v1/invoices";
    static final long PRICE = 4900;

    static Enrollment enrolledInPaidCourse(long price) {
        return Fixtures.enrolledInPaidCourse(price);
    }

    static Map<String, Object> payment(long amount, String currency) {
        return Map.of("paymentReference", Fixtures.unique("psp"), "amount", Map.of("amount", amount, "currency", currency));
    }

    @Test
    void payingInFullPaysTheInvoiceAndActivatesTheEnrollment() {
        Enrollment enrolled = enrolledInPaidCourse(PRICE);
        api().body(payment(PRICE, "EUR")).post(INVOICES + "/{id}/pay", enrolled.invoice())
                .then().statusCode(200).body("status", equalTo("paid")).body("paidAt", notNullValue()).header("ETag", "\"1\"");
        api().get("/api/v1/enrollments/{id}", enrolled.id()).then().body("status", equalTo("active")).body("activatedAt", notNullValue());
    }

    @Test
    void anAmountOtherThanTheTotalIs422AndChangesNothing() {
        Enrollment enrolled = enrolledInPaidCourse(PRICE);
        api().body(payment(PRICE - 1, "EUR")).post(INVOICES + "/{id}/pay", enrolled.invoice())
                .then().statusCode(422).body("detail", containsString("does not equal"));
        api().body(payment(PRICE, "USD")).post(INVOICES + "/{id}/pay", enrolled.invoice()).then().statusCode(422);
        api().get(INVOICES + "/{id}", enrolled.invoice()).then().body("status", equalTo("open")).header("ETag", "\"0\"");
    }

    @Test
    void illegalTransitionsAreConflicts() {
        Enrollment enrolled = enrolledInPaidCourse(PRICE);
        api().post(INVOICES + "/{id}/refund", enrolled.invoice()).then().statusCode(409);
        api().body(payment(PRICE, "EUR")).post(INVOICES + "/{id}/pay", enrolled.invoice()).then().statusCode(200);
        api().body(payment(PRICE, "EUR")).post(INVOICES + "/{id}/pay", enrolled.invoice()).then().statusCode(409);
        api().post(INVOICES + "/{id}/void", enrolled.invoice()).then().statusCode(409);
        api().post(INVOICES + "/{id}/refund", enrolled.invoice()).then().statusCode(200).body("status", equalTo("refunded"));
        api().post(INVOICES + "/{id}/refund", enrolled.invoice()).then().statusCode(409);
    }

    @Test
    void voidingAnOpenInvoiceCancelsItsEnrollment() {
        Enrollment enrolled = enrolledInPaidCourse(PRICE);
        api().post(INVOICES + "/{id}/void", enrolled.invoice()).then().statusCode(200).body("status", equalTo("void")).body("voidedAt", notNullValue());
        api().get("/api/v1/enrollments/{id}", enrolled.id()).then().body("status", equalTo("cancelled"));
        api().body(payment(PRICE, "EUR")).post(INVOICES + "/{id}/pay", enrolled.invoice()).then().statusCode(409);
    }

    @Test
    void refundingCancelsTheEnrollment() {
        Enrollment enrolled = enrolledInPaidCourse(PRICE);
        api().body(payment(PRICE, "EUR")).post(INVOICES + "/{id}/pay", enrolled.invoice()).then().statusCode(200);
        api().header("If-Match", "\"1\"").post(INVOICES + "/{id}/refund", enrolled.invoice())
                .then().statusCode(200).body("refundedAt", notNullValue());
        api().get("/api/v1/enrollments/{id}", enrolled.id()).then().body("status", equalTo("cancelled"));
    }

    @Test
    void aPaymentReferenceSettlesOneInvoice() {
        Enrollment first = enrolledInPaidCourse(PRICE);
        Enrollment second = enrolledInPaidCourse(PRICE);
        Map<String, Object> payment = payment(PRICE, "EUR");
        api().body(payment).post(INVOICES + "/{id}/pay", first.invoice()).then().statusCode(200);
        api().body(payment).post(INVOICES + "/{id}/pay", second.invoice()).then().statusCode(409).body("detail", containsString("reference"));
        api().get(INVOICES + "/{id}", second.invoice()).then().body("status", equalTo("open"));
    }

    @Test
    void anIdempotencyKeyIsScopedToItsOperation() {
        Enrollment first = enrolledInPaidCourse(PRICE);
        Enrollment second = enrolledInPaidCourse(PRICE);
        String key = Fixtures.unique("shared");
        Map<String, Object> payment = payment(PRICE, "EUR");
        api().header("Idempotency-Key", key).body(payment).post(INVOICES + "/{id}/pay", first.invoice()).then().statusCode(200);
        // Same key, other invoice: another operation, so no replay of the first invoice's response.
        api().header("Idempotency-Key", key).body(payment(PRICE, "EUR")).post(INVOICES + "/{id}/pay", second.invoice())
                .then().statusCode(200).body("id", equalTo(second.invoice()));
    }

    @Test
    void listFiltersByUserStatusAndEnrollment() {
        Enrollment enrolled = enrolledInPaidCourse(PRICE);
        api().queryParam("userId", enrolled.user()).get(INVOICES).then().statusCode(200).body("items.id", contains(enrolled.invoice()));
        api().queryParam("enrollmentId", enrolled.id()).get(INVOICES).then().body("items.id", contains(enrolled.invoice()));
        api().queryParam("userId", enrolled.user()).queryParam("status", "paid").get(INVOICES).then().body("items", empty());
    }

    @Test
    void billingStandingSumsOpenInvoicesPerCurrencyAndCountsEveryStatus() {
        String student = Fixtures.user("student");
        api().get("/api/v1/users/{id}/billing", student).then().statusCode(200)
                .body("standing", equalTo("good_standing")).body("outstanding", empty()).body("invoiceCounts.open", equalTo(0));

        String instructor = Fixtures.instructor();
        for (long price : new long[] { 1000, 2500, 700 }) {
            String course = Fixtures.publishedCourse(instructor, price, null);
            api().body(Map.of("userId", student, "courseId", course)).post("/api/v1/enrollments").then().statusCode(201);
        }
        String paid = api().queryParam("userId", student).get(INVOICES).then().extract().path("items[2].id");
        api().body(payment(700, "EUR")).post(INVOICES + "/{id}/pay", paid).then().statusCode(200);

        api().get("/api/v1/users/{id}/billing", student).then().statusCode(200)
                .body("standing", equalTo("has_open_invoices"))
                .body("outstanding.amount", contains(3500)).body("outstanding.currency", contains("EUR"))
                .body("invoiceCounts.open", equalTo(2)).body("invoiceCounts.paid", equalTo(1))
                .body("invoiceCounts.void", equalTo(0)).body("invoiceCounts.refunded", equalTo(0));
    }
}
