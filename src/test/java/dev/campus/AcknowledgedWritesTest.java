package dev.campus;

import static dev.campus.support.Api.api;
import static dev.campus.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.campus.support.Fixtures;
import dev.campus.support.Sql;
import dev.campus.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Nothing acknowledged is lost: after a 2xx, the database itself (read with plain SQL on a fresh connection,
 * not through the service) holds what the response described.
 */
@QuarkusTest
class AcknowledgedWritesTest {

    static String column(String sql, String id) {
        return Sql.value(sql, UUID.fromString(id));
    }

    @Test
    void everyAcknowledgedWriteIsInTheDatabase() throws SQLException {
        String email = Fixtures.unique("durable") + "@example.com";
        String user = api().body(Map.of("email", email, "displayName", "Durable", "role", "student"))
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
        assertThat(column("select email from users where id = ?", user)).isEqualTo(email);

        String instructor = Fixtures.instructor();
        String course = Fixtures.course(instructor);
        assertThat(column("select status from courses where id = ?", course)).isEqualTo("draft");
        String lesson = Fixtures.lesson(course, "Durable lesson", true);
        assertThat(column("select title from lessons where id = ?", lesson)).isEqualTo("Durable lesson");
        api().post("/api/v1/courses/{id}/publish", course).then().statusCode(200);
        assertThat(column("select status from courses where id = ?", course)).isEqualTo("published");

        var enrolled = api().body(Map.of("userId", user, "courseId", course)).post("/api/v1/enrollments").then().statusCode(201).extract();
        String enrollment = enrolled.path("id");
        String invoice = enrolled.path("invoiceId");
        assertThat(column("select status from enrollments where id = ?", enrollment)).isEqualTo("pending_payment");
        assertThat(column("select status from invoices where id = ?", invoice)).isEqualTo("open");

        String reference = Fixtures.unique("psp");
        as(Tokens.service())
                .body(Map.of("paymentReference", reference, "amount", Map.of("amount", 4900, "currency", "EUR")))
                .post("/api/v1/invoices/{id}/pay", invoice).then().statusCode(200);
        assertThat(column("select status from invoices where id = ?", invoice)).isEqualTo("paid");
        assertThat(column("select payment_reference from payments where invoice_id = ?", invoice)).isEqualTo(reference);
        assertThat(column("select status from enrollments where id = ?", enrollment)).isEqualTo("active");

        api().put("/api/v1/enrollments/{id}/lessons/{lesson}/completion", enrollment, lesson).then().statusCode(200);
        assertThat(column("select count(*) from lesson_completions where enrollment_id = ?", enrollment)).isEqualTo("1");
        assertThat(column("select status from enrollments where id = ?", enrollment)).isEqualTo("completed");
    }
}
