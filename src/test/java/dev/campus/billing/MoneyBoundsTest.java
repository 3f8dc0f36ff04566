package dev.campus.billing;

import static dev.campus.support.Api.api;
import static dev.campus.support.Api.apiWithInvalidRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.campus.course.Price;
import dev.campus.shared.ProblemType;
import dev.campus.support.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Money never overflows: prices (and so invoices and payments) are bounded by Price.MAX_AMOUNT, and the billing
 * standing sums exactly, even rows written before the bound.
 */
@QuarkusTest
class MoneyBoundsTest {

    static final long MAX = Price.MAX_AMOUNT;

    @Inject
    AgroalDataSource dataSource;

    static Map<String, Object> course(String instructor, long amount) {
        return new HashMap<>(Map.of("slug", Fixtures.unique("course").toLowerCase(), "title", Fixtures.unique("Course"),
                "instructorId", instructor, "price", Map.of("amount", amount, "currency", "EUR")));
    }

    @Test
    void aPriceAboveTheMaximumIs400NamingTheField() {
        String instructor = Fixtures.instructor();
        apiWithInvalidRequest().contentType(ContentType.JSON).body(course(instructor, MAX + 1)).post("/api/v1/courses")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("price.amount")).body("violations.in", hasItem("body"));
        apiWithInvalidRequest().contentType(ContentType.JSON).body(course(instructor, Long.MAX_VALUE)).post("/api/v1/courses")
                .then().statusCode(400).body("violations.field", hasItem("price.amount"));

        String id = api().body(course(instructor, MAX)).post("/api/v1/courses").then().statusCode(201)
                .body("price.amount", equalTo(MAX)).extract().path("id");
        apiWithInvalidRequest().contentType("application/merge-patch+json").body(Map.of("price", Map.of("amount", MAX + 1)))
                .patch("/api/v1/courses/{id}", id).then().statusCode(400).body("violations.field", hasItem("price.amount"));
    }

    @Test
    void aPaymentAboveTheMaximumIs400NamingTheField() {
        String course = Fixtures.publishedCourse(Fixtures.instructor(), 4900, null);
        String invoice = api().body(Map.of("userId", Fixtures.user("student"), "courseId", course)).post("/api/v1/enrollments")
                .then().statusCode(201).extract().path("invoiceId");
        apiWithInvalidRequest().contentType(ContentType.JSON)
                .body(Map.of("paymentReference", Fixtures.unique("psp"), "amount", Map.of("amount", MAX + 1, "currency", "EUR")))
                .post("/api/v1/invoices/{id}/pay", invoice).then().statusCode(400).body("violations.field", hasItem("amount.amount"));
        api().get("/api/v1/invoices/{id}", invoice).then().body("status", equalTo("open"));
    }

    @Test
    void theOutstandingTotalIsExactForSeveralInvoicesAtTheMaximum() throws Exception {
        String instructor = Fixtures.instructor();
        String student = Fixtures.user("student");
        int invoices = 5;
        for (int i = 0; i < invoices; i++) {
            String course = Fixtures.publishedCourse(instructor, MAX, null);
            api().body(Map.of("userId", student, "courseId", course)).post("/api/v1/enrollments").then().statusCode(201)
                    .body("status", equalTo("pending_payment"));
        }
        assertThat(outstanding(student)).isEqualTo(BigInteger.valueOf(MAX).multiply(BigInteger.valueOf(invoices)));
    }

    /** The report that started this: two courses at Long.MAX_VALUE, enrolled by one student, made the total -2. */
    @Test
    void theOutstandingTotalIsExactEvenForLegacyAmountsAboveTheMaximum() throws Exception {
        String instructor = Fixtures.instructor();
        String student = Fixtures.user("student");
        String first = Fixtures.course(instructor, Fixtures.unique("Legacy"), 4900);
        String second = Fixtures.course(instructor, Fixtures.unique("Legacy"), 4900);
        insertLegacyOpenInvoice(student, first, Long.MAX_VALUE);
        insertLegacyOpenInvoice(student, second, Long.MAX_VALUE);

        assertThat(outstanding(student)).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).shiftLeft(1));
        api().get("/api/v1/users/{id}/billing", student).then().statusCode(200)
                .body("standing", equalTo("has_open_invoices")).body("invoiceCounts.open", equalTo(2));
    }

    /** Rows from before the bound are refused with an explanation when written again, never with a 500. */
    @Test
    void aLegacyCourseAboveTheMaximumIsRefusedWithAnExplanation() throws Exception {
        String instructor = Fixtures.instructor();
        String published = Fixtures.publishedCourse(instructor, 4900, null);
        String draft = Fixtures.course(instructor);
        Fixtures.lesson(draft, "Welcome", true);
        setLegacyPrice(published, Long.MAX_VALUE);
        setLegacyPrice(draft, Long.MAX_VALUE);

        api().body(Map.of("userId", Fixtures.user("student"), "courseId", published)).post("/api/v1/enrollments")
                .then().statusCode(409).body("detail", containsString("maximum")).body("type", equalTo(ProblemType.PRICE_ABOVE_MAXIMUM.uri().toString()));
        api().post("/api/v1/courses/{id}/publish", draft).then().statusCode(409).body("detail", containsString("maximum"))
                .body("type", equalTo(ProblemType.PRICE_ABOVE_MAXIMUM.uri().toString()));
        apiWithInvalidRequest().contentType("application/merge-patch+json").body(Map.of("title", "Renamed"))
                .patch("/api/v1/courses/{id}", draft).then().statusCode(400).body("violations.field", hasItem("price.amount"));
        api().contentType("application/merge-patch+json").body(Map.of("title", "Renamed", "price", Map.of("amount", MAX)))
                .patch("/api/v1/courses/{id}", draft).then().statusCode(200).body("price.amount", equalTo(MAX));
    }

    BigInteger outstanding(String student) throws Exception {
        String body = api().get("/api/v1/users/{id}/billing", student).then().statusCode(200).extract().asString();
        JsonNode outstanding = new ObjectMapper().readTree(body).path("outstanding");
        assertThat(outstanding.size()).as(body).isEqualTo(1);
        assertThat(outstanding.get(0).path("currency").asText()).isEqualTo("EUR");
        assertThat(outstanding.get(0).path("amount").isIntegralNumber()).as(body).isTrue();
        return outstanding.get(0).path("amount").bigIntegerValue();
    }

    /** A course price as written before V13 bounded prices (see insertLegacyOpenInvoice). */
    void setLegacyPrice(String course, long amount) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement();
                    PreparedStatement update = connection.prepareStatement("update courses set price_amount = ? where id = ?")) {
                statement.execute("alter table courses drop constraint courses_price_amount_max");
                update.setLong(1, amount);
                update.setObject(2, UUID.fromString(course));
                assertThat(update.executeUpdate()).isEqualTo(1);
                statement.execute("alter table courses add constraint courses_price_amount_max check (price_amount <= 10000000000) not valid");
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * An open invoice as written before V13 bounded amounts: the check is dropped and restored NOT VALID around the
     * insert, in one transaction, which is exactly the state V13 leaves legacy rows in.
     */
    void insertLegacyOpenInvoice(String student, String course, long amount) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement();
                    PreparedStatement enrollment = connection.prepareStatement("""
                            insert into enrollments (id, user_id, course_id, status, enrolled_at, created_at, updated_at)
                            values (?, ?, ?, 'pending_payment', now(), now(), now())""");
                    PreparedStatement invoice = connection.prepareStatement("""
                            insert into invoices (id, user_id, enrollment_id, amount, currency, status, due_at, created_at, updated_at)
                            values (gen_random_uuid(), ?, ?, ?, 'EUR', 'open', now() + interval '100 years', now(), now())""")) {
                UUID enrollmentId = UUID.randomUUID();
                statement.execute("alter table invoices drop constraint invoices_amount_max");
                enrollment.setObject(1, enrollmentId);
                enrollment.setObject(2, UUID.fromString(student));
                enrollment.setObject(3, UUID.fromString(course));
                enrollment.executeUpdate();
                invoice.setObject(1, UUID.fromString(student));
                invoice.setObject(2, enrollmentId);
                invoice.setLong(3, amount);
                invoice.executeUpdate();
                statement.execute("alter table invoices add constraint invoices_amount_max check (status <> 'open' or amount <= 10000000000) not valid");
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
