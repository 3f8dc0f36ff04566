package dev.campus.enrollment;

import static dev.campus.support.Api.api;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.campus.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/** A cancelled enrollment says why it was cancelled; a live one has no reason. (payment_expired: PaymentWindowTest.) */
@QuarkusTest
class CancellationReasonTest {

    static final String ENROLLMENTS = "/api/v1/enrollments";
    static final long PRICE = 4900;

    static String enrollInPaidCourse() {
        String course = Fixtures.publishedCourse(Fixtures.instructor(), PRICE, null);
        return api().body(Map.of("userId", Fixtures.user("student"), "courseId", course)).post(ENROLLMENTS)
                .then().statusCode(201).body("cancellationReason", equalTo(null)).extract().path("id");
    }

    static String invoiceOf(String enrollment) {
        return api().get(ENROLLMENTS + "/{id}", enrollment).then().extract().path("invoiceId");
    }

    @Test
    void cancellingAnEnrollmentIsCancelledByUser() {
        String enrollment = enrollInPaidCourse();
        api().post(ENROLLMENTS + "/{id}/cancel", enrollment).then().statusCode(200)
                .body("status", equalTo("cancelled")).body("cancellationReason", equalTo("cancelled_by_user"));
    }

    @Test
    void voidingTheInvoiceIsInvoiceVoided() {
        String enrollment = enrollInPaidCourse();
        api().post("/api/v1/invoices/{id}/void", invoiceOf(enrollment)).then().statusCode(200);
        api().get(ENROLLMENTS + "/{id}", enrollment).then().body("cancellationReason", equalTo("invoice_voided"));
    }

    @Test
    void refundingTheInvoiceIsInvoiceRefunded() {
        String enrollment = enrollInPaidCourse();
        String invoice = invoiceOf(enrollment);
        api().body(Map.of("paymentReference", Fixtures.unique("psp"), "amount", Map.of("amount", PRICE, "currency", "EUR")))
                .post("/api/v1/invoices/{id}/pay", invoice).then().statusCode(200);
        api().get(ENROLLMENTS + "/{id}", enrollment).then().body("status", equalTo("active")).body("cancellationReason", equalTo(null));
        api().post("/api/v1/invoices/{id}/refund", invoice).then().statusCode(200);
        api().get(ENROLLMENTS + "/{id}", enrollment).then().body("status", equalTo("cancelled"))
                .body("cancellationReason", equalTo("invoice_refunded"));
    }
}
