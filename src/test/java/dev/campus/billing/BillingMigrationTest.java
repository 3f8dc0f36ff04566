package dev.campus.billing;

import static dev.campus.support.Migrations.flyway;
import static dev.campus.support.Migrations.freshDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Upgrading a database of the billing release (migrations 1-10) whose rows predate the price bound, the payment
 * window and cancellation reasons: the migrations apply over legacy rows, backfill what they can, and the new
 * checks bind every row written afterwards.
 */
class BillingMigrationTest {

    static final String BILLING_RELEASE = "10";
    static final String STUDENT = "01941f29-7fee-7fa7-88e3-1a75652a2785";
    static final String HUGE_INVOICE = "01941f29-b000-7000-8000-000000000001";

    @Test
    void upgradingKeepsLegacyRowsBackfillsDueTimesAndReasonsAndBoundsNewRows() throws SQLException {
        String url = freshDatabase();
        flyway(url).target(BILLING_RELEASE).load().migrate();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("""
                    insert into users (id, email, display_name, role, created_at, updated_at) values
                      ('01941f29-7fee-7fa7-88e3-1a75652a2784', 'ada@example.com', 'Ada', 'instructor', '2025-01-01T09:00:00Z', '2025-01-01T09:00:00Z'),
                      ('01941f29-7fee-7fa7-88e3-1a75652a2785', 'alan@example.com', 'Alan', 'student', '2025-01-01T09:00:00Z', '2025-01-01T09:00:00Z');
                    insert into courses (id, slug, title, instructor_id, status, price_amount, price_currency, published_at, created_at, updated_at) values
                      ('01941f29-8000-7000-8000-000000000001', 'huge', 'Huge', '01941f29-7fee-7fa7-88e3-1a75652a2784', 'published', 9223372036854775807, 'EUR', '2025-01-02T00:00:00Z', '2025-01-02T00:00:00Z', '2025-01-02T00:00:00Z'),
                      ('01941f29-8000-7000-8000-000000000002', 'paid', 'Paid', '01941f29-7fee-7fa7-88e3-1a75652a2784', 'published', 4900, 'EUR', '2025-01-02T00:00:00Z', '2025-01-02T00:00:00Z', '2025-01-02T00:00:00Z'),
                      ('01941f29-8000-7000-8000-000000000003', 'free', 'Free', '01941f29-7fee-7fa7-88e3-1a75652a2784', 'published', 0, 'EUR', '2025-01-02T00:00:00Z', '2025-01-02T00:00:00Z', '2025-01-02T00:00:00Z'),
                      ('01941f29-8000-7000-8000-000000000004', 'other', 'Other', '01941f29-7fee-7fa7-88e3-1a75652a2784', 'published', 4900, 'EUR', '2025-01-02T00:00:00Z', '2025-01-02T00:00:00Z', '2025-01-02T00:00:00Z');
                    insert into enrollments (id, user_id, course_id, status, enrolled_at, activated_at, cancelled_at, created_at, updated_at) values
                      ('01941f29-a000-7000-8000-000000000001', '01941f29-7fee-7fa7-88e3-1a75652a2785', '01941f29-8000-7000-8000-000000000001', 'pending_payment', '2025-02-01T00:00:00Z', null, null, '2025-02-01T00:00:00Z', '2025-02-01T00:00:00Z'),
                      ('01941f29-a000-7000-8000-000000000002', '01941f29-7fee-7fa7-88e3-1a75652a2785', '01941f29-8000-7000-8000-000000000002', 'cancelled', '2025-02-01T00:00:00Z', '2025-02-01T01:00:00Z', '2025-02-03T00:00:00Z', '2025-02-01T00:00:00Z', '2025-02-03T00:00:00Z'),
                      ('01941f29-a000-7000-8000-000000000003', '01941f29-7fee-7fa7-88e3-1a75652a2785', '01941f29-8000-7000-8000-000000000003', 'cancelled', '2025-02-01T00:00:00Z', '2025-02-01T00:00:00Z', '2025-02-03T00:00:00Z', '2025-02-01T00:00:00Z', '2025-02-03T00:00:00Z'),
                      ('01941f29-a000-7000-8000-000000000004', '01941f29-7fee-7fa7-88e3-1a75652a2785', '01941f29-8000-7000-8000-000000000004', 'cancelled', '2025-02-01T00:00:00Z', null, '2025-02-03T00:00:00Z', '2025-02-01T00:00:00Z', '2025-02-03T00:00:00Z');
                    insert into invoices (id, user_id, enrollment_id, amount, currency, status, paid_at, voided_at, refunded_at, created_at, updated_at) values
                      ('01941f29-b000-7000-8000-000000000001', '01941f29-7fee-7fa7-88e3-1a75652a2785', '01941f29-a000-7000-8000-000000000001', 9223372036854775807, 'EUR', 'open', null, null, null, '2025-02-01T00:00:00Z', '2025-02-01T00:00:00Z'),
                      ('01941f29-b000-7000-8000-000000000002', '01941f29-7fee-7fa7-88e3-1a75652a2785', '01941f29-a000-7000-8000-000000000002', 4900, 'EUR', 'refunded', '2025-02-01T01:00:00Z', null, '2025-02-03T00:00:00Z', '2025-02-01T00:00:00.123456Z', '2025-02-03T00:00:00Z'),
                      ('01941f29-b000-7000-8000-000000000004', '01941f29-7fee-7fa7-88e3-1a75652a2785', '01941f29-a000-7000-8000-000000000004', 4900, 'EUR', 'void', null, '2025-02-03T00:00:00Z', null, '2025-02-01T00:00:00Z', '2025-02-03T00:00:00Z');
                    insert into payments (id, invoice_id, payment_reference, amount, currency, paid_at) values
                      ('01941f29-c000-7000-8000-000000000002', '01941f29-b000-7000-8000-000000000002', 'psp_legacy', 4900, 'EUR', '2025-02-01T01:00:00Z');
                    """);

            var result = flyway(url).load().migrate();
            assertThat(result.success).isTrue();

            // Every invoice is due 48 hours after its creation, and must be from now on.
            assertThat(column(statement, "select id::text, extract(epoch from due_at - created_at)::bigint::text from invoices"))
                    .hasSize(3).allSatisfy((id, seconds) -> assertThat(seconds).as(id).isEqualTo(String.valueOf(48 * 3600)));
            assertThat(column(statement, "select column_name, is_nullable from information_schema.columns"
                    + " where table_name = 'invoices' and column_name = 'due_at'")).containsEntry("due_at", "NO");
            // Reasons where the data tells them; none guessed for a void invoice.
            assertThat(column(statement, "select id::text, coalesce(cancellation_reason, '-') from enrollments")).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "01941f29-a000-7000-8000-000000000001", "-",
                    "01941f29-a000-7000-8000-000000000002", "invoice_refunded",
                    "01941f29-a000-7000-8000-000000000003", "cancelled_by_user",
                    "01941f29-a000-7000-8000-000000000004", "-"));
            // Legacy amounts above the bound survive, and the open one can still be voided (it expires).
            assertThat(column(statement, "select id::text, amount::text from invoices where amount > 10000000000"))
                    .containsEntry(HUGE_INVOICE, "9223372036854775807");
            statement.execute("update invoices set status = 'void', voided_at = now() where id = '" + HUGE_INVOICE + "'");
            statement.execute("update enrollments set status = 'cancelled', cancelled_at = now(), cancellation_reason = 'payment_expired'"
                    + " where id = '01941f29-a000-7000-8000-000000000001'");

            // New rows are bound.
            assertCheckViolation(statement, "courses_price_amount_max", "insert into courses (id, slug, title, instructor_id, status,"
                    + " price_amount, price_currency, created_at, updated_at) values (gen_random_uuid(), 'new', 'New',"
                    + " '01941f29-7fee-7fa7-88e3-1a75652a2784', 'draft', 10000000001, 'EUR', now(), now())");
            String enrollment = UUID.randomUUID().toString();
            statement.execute("insert into enrollments (id, user_id, course_id, status, enrolled_at, created_at, updated_at) values ('"
                    + enrollment + "', '" + STUDENT + "', '01941f29-8000-7000-8000-000000000001', 'pending_payment', now(), now(), now())");
            assertCheckViolation(statement, "invoices_amount_max", "insert into invoices (id, user_id, enrollment_id, amount, currency,"
                    + " status, due_at, created_at, updated_at) values (gen_random_uuid(), '" + STUDENT + "', '" + enrollment
                    + "', 10000000001, 'EUR', 'open', now(), now(), now())");
            assertCheckViolation(statement, "enrollments_cancellation_reason_required_check",
                    "update enrollments set status = 'cancelled', cancelled_at = now() where id = '" + enrollment + "'");
            assertCheckViolation(statement, "enrollments_cancellation_reason_check",
                    "update enrollments set status = 'cancelled', cancelled_at = now(), cancellation_reason = 'bored' where id = '" + enrollment + "'");
        }
    }

    static void assertCheckViolation(Statement statement, String constraint, String sql) {
        assertThatThrownBy(() -> statement.execute(sql)).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23514"))
                .hasMessageContaining(constraint);
    }

    static Map<String, String> column(Statement statement, String sql) throws SQLException {
        Map<String, String> rows = new LinkedHashMap<>();
        try (ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.put(result.getString(1), result.getString(2));
            }
        }
        return rows;
    }
}
