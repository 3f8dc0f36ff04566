package dev.campus.billing;

import static dev.campus.support.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.campus.support.Fixtures;
import dev.campus.support.Fixtures.Enrollment;
import dev.campus.support.Race;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Unpaid enrollments do not hold a seat forever: an invoice is due one payment window after it is opened, and the
 * expiry job voids it when it is overdue, cancelling its enrollment (payment_expired) and releasing the seat;
 * exactly once, however many callers run the job at the same time. Tests call the job directly (its timer is off).
 */
@QuarkusTest
class PaymentWindowTest {

    static final String INVOICES = "/api/v1/invoices";
    static final String ENROLLMENTS = "/api/v1/enrollments";
    static final long PRICE = 4900;

    @Inject
    PaymentExpiry expiry;

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "campus.billing.payment-window")
    Duration paymentWindow;

    static Enrollment enroll(String course) {
        return Fixtures.enroll(Fixtures.user("student"), course);
    }

    static Enrollment enrolledInPaidCourse() {
        return Fixtures.enrolledInPaidCourse(PRICE);
    }

    /** Moves the invoices' due time to this instant (in the past, for tests that expire them). */
    void dueAt(Instant dueAt, List<String> invoices) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("update invoices set due_at = ? where id = any(?)")) {
            update.setTimestamp(1, Timestamp.from(dueAt));
            update.setArray(2, connection.createArrayOf("uuid", invoices.stream().map(UUID::fromString).toArray()));
            assertThat(update.executeUpdate()).isEqualTo(invoices.size());
        }
    }

    long overdueOpenInvoices(Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select count(*) from invoices where status = 'open' and due_at <= ?")) {
            query.setTimestamp(1, Timestamp.from(now));
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    static Instant instant(String text) {
        return Instant.parse(text);
    }

    @Test
    void anInvoiceIsDueOnePaymentWindowAfterItIsOpened() {
        Enrollment enrolled = enrolledInPaidCourse();
        var invoice = api().get(INVOICES + "/{id}", enrolled.invoice()).then().statusCode(200).extract();
        assertThat(paymentWindow).isEqualTo(Duration.ofHours(48));
        assertThat(instant(invoice.path("dueAt"))).isEqualTo(instant(invoice.path("createdAt")).plus(paymentWindow));
    }

    @Test
    void anOverdueInvoiceIsVoidedAndItsEnrollmentCancelledAsPaymentExpired() throws SQLException {
        Enrollment enrolled = enrolledInPaidCourse();
        Instant due = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MICROS);
        dueAt(due, List.of(enrolled.invoice()));

        // Due "by" now: one microsecond before the due time it is still payable, at the due time it expires.
        expiry.expireOverdue(due.minus(1, ChronoUnit.MICROS), 100);
        api().get(INVOICES + "/{id}", enrolled.invoice()).then().body("status", equalTo("open"));
        assertThat(expiry.expireOverdue(due, 100)).isPositive();

        api().get(INVOICES + "/{id}", enrolled.invoice()).then().statusCode(200)
                .body("status", equalTo("void")).body("voidedAt", notNullValue()).header("ETag", "\"1\"");
        api().get(ENROLLMENTS + "/{id}", enrolled.id()).then().statusCode(200)
                .body("status", equalTo("cancelled")).body("cancelledAt", notNullValue())
                .body("cancellationReason", equalTo("payment_expired"));
        api().body(Fixtures.payment(PRICE))
                .post(INVOICES + "/{id}/pay", enrolled.invoice()).then().statusCode(409);
        api().get("/api/v1/users/{id}/billing", enrolled.user()).then()
                .body("standing", equalTo("good_standing")).body("invoiceCounts.void", equalTo(1));
    }

    @Test
    void anExpiredEnrollmentReleasesItsSeat() throws SQLException {
        String course = Fixtures.publishedCourse(Fixtures.instructor(), PRICE, 1);
        Enrollment first = enroll(course);
        api().body(Map.of("userId", Fixtures.user("student"), "courseId", course)).post(ENROLLMENTS)
                .then().statusCode(409).body("detail", containsString("full"));

        dueAt(Instant.now().minusSeconds(60), List.of(first.invoice()));
        expiry.expireOverdue(Instant.now(), 100);

        Enrollment second = enroll(course);
        api().get(ENROLLMENTS + "/{id}", second.id()).then().body("status", equalTo("pending_payment"));
        api().get(ENROLLMENTS + "/{id}", first.id()).then().body("cancellationReason", equalTo("payment_expired"));
    }

    @Test
    void paidAndNotYetDueInvoicesAreLeftAlone() throws SQLException {
        Enrollment paid = enrolledInPaidCourse();
        api().body(Fixtures.payment(PRICE))
                .post(INVOICES + "/{id}/pay", paid.invoice()).then().statusCode(200);
        dueAt(Instant.now().minusSeconds(60), List.of(paid.invoice()));
        Enrollment notYetDue = enrolledInPaidCourse();

        expiry.expireOverdue(Instant.now(), 100);

        api().get(INVOICES + "/{id}", paid.invoice()).then().body("status", equalTo("paid")).header("ETag", "\"1\"");
        api().get(ENROLLMENTS + "/{id}", paid.id()).then().body("status", equalTo("active"))
                .body("cancellationReason", equalTo(null));
        api().get(INVOICES + "/{id}", notYetDue.invoice()).then().body("status", equalTo("open")).header("ETag", "\"0\"");
        api().get(ENROLLMENTS + "/{id}", notYetDue.id()).then().body("status", equalTo("pending_payment"));
    }

    @Test
    void expiringFromFourThreadsAtOnceExpiresEachInvoiceExactlyOnce() throws Exception {
        String course = Fixtures.publishedCourse(Fixtures.instructor(), PRICE, null);
        List<Enrollment> enrolled = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            enrolled.add(enroll(course));
        }
        dueAt(Instant.now().minusSeconds(60), enrolled.stream().map(Enrollment::invoice).toList());
        Instant now = Instant.now();
        long overdue = overdueOpenInvoices(now);
        assertThat(overdue).isGreaterThanOrEqualTo(40);

        List<Callable<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(() -> expiry.expireOverdue(now, 5));
        }
        int expired = Race.run(runs).stream().mapToInt(Integer::intValue).sum(); // rethrows any error of a run
        assertThat(expired).isEqualTo(overdue);

        assertThat(overdueOpenInvoices(now)).isZero();
        assertThat(expiry.expireOverdue(now, 5)).isZero();
        for (Enrollment one : enrolled) {
            // Version 1: changed by exactly one update since it was created.
            api().get(INVOICES + "/{id}", one.invoice()).then().body("status", equalTo("void")).header("ETag", "\"1\"");
            api().get(ENROLLMENTS + "/{id}", one.id()).then().body("status", equalTo("cancelled"))
                    .body("cancellationReason", equalTo("payment_expired")).header("ETag", "\"1\"");
        }
    }
}
