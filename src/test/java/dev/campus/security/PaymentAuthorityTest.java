package dev.campus.security;

import static dev.campus.support.Api.api;
import static dev.campus.support.Api.unchecked;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.campus.support.Fixtures;
import dev.campus.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Money is moved by the payment provider, not by the payer: only the payment integration (role service) and
 * admins record payments. A student's attempt on their own invoice is a 403 that changes nothing, and the
 * reference it invented does not block the real payment.
 */
@QuarkusTest
class PaymentAuthorityTest {

    @Test
    void aStudentCannotRecordThePaymentOfTheirOwnInvoice() {
        String student = Fixtures.user("student");
        String course = Fixtures.publishedCourse(Fixtures.instructor());
        var enrolled = api().body(Map.of("userId", student, "courseId", course)).post("/api/v1/enrollments")
                .then().statusCode(201).extract();
        String invoice = enrolled.path("invoiceId");
        String reference = Fixtures.unique("invented");
        Map<String, Object> payment = Map.of("paymentReference", reference, "amount", Map.of("amount", 4900, "currency", "EUR"));

        unchecked(Tokens.forUser(student, "student")).body(payment).post("/api/v1/invoices/{id}/pay", invoice)
                .then().statusCode(403).contentType("application/problem+json");
        api().get("/api/v1/invoices/{id}", invoice).then().statusCode(200).body("status", equalTo("open"));
        api().get("/api/v1/enrollments/{id}", (String) enrolled.path("id")).then().body("status", equalTo("pending_payment"));

        // The provider's real payment, even with the reference the student tried, goes through.
        unchecked(Tokens.service()).body(payment).post("/api/v1/invoices/{id}/pay", invoice).then().statusCode(200)
                .body("status", equalTo("paid"));
        api().get("/api/v1/enrollments/{id}", (String) enrolled.path("id")).then().body("status", equalTo("active"));
    }

    @Test
    void anInstructorCannotRecordPaymentsEither() {
        String instructor = Fixtures.instructor();
        String course = Fixtures.publishedCourse(instructor);
        String invoice = api().body(Map.of("userId", instructor, "courseId", course)).post("/api/v1/enrollments")
                .then().statusCode(201).extract().path("invoiceId");
        unchecked(Tokens.forUser(instructor, "instructor"))
                .body(Map.of("paymentReference", Fixtures.unique("psp"), "amount", Map.of("amount", 4900, "currency", "EUR")))
                .post("/api/v1/invoices/{id}/pay", invoice).then().statusCode(403);
        api().get("/api/v1/invoices/{id}", invoice).then().body("status", equalTo("open"));
    }
}
