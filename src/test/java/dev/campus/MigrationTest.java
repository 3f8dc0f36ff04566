package dev.campus;

import static dev.campus.support.Migrations.flyway;
import static dev.campus.support.Migrations.freshDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Upgrading a database of the previous release (the catalogue, migrations 1-5) with data in it: every
 * migration applies, and every catalogue row survives unchanged.
 */
class MigrationTest {

    static final String CATALOGUE_RELEASE = "5";
    static final List<String> CATALOGUE_TABLES = List.of("users", "courses", "lessons");

    @Test
    void upgradingFromTheCatalogueReleaseKeepsEveryRow() throws SQLException {
        String url = freshDatabase();
        flyway(url).target(CATALOGUE_RELEASE).load().migrate();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("""
                    insert into users (id, email, display_name, role, bio, time_zone, created_at, updated_at, version) values
                      ('01941f29-7fee-7fa7-88e3-1a75652a2784', 'Ada@Example.com', 'Ada Lovelace', 'instructor', 'Notes on engines', 'Europe/London', '2025-01-01T09:00:00.123456Z', '2025-01-02T09:00:00Z', 3),
                      ('01941f29-7fee-7fa7-88e3-1a75652a2785', 'alan@example.com', 'Alan Turing', 'student', null, null, '2025-01-01T10:00:00Z', '2025-01-01T10:00:00Z', 0);
                    insert into courses (id, slug, title, description, instructor_id, status, price_amount, price_currency, seat_capacity, published_at, archived_at, created_at, updated_at, version) values
                      ('01941f29-8000-7000-8000-000000000001', 'engines', 'Analytical Engines', 'Gears.', '01941f29-7fee-7fa7-88e3-1a75652a2784', 'published', 4900, 'EUR', 12, '2025-02-01T00:00:00Z', null, '2025-01-05T00:00:00Z', '2025-02-01T00:00:00Z', 2),
                      ('01941f29-8000-7000-8000-000000000002', 'notes', 'Notes', '', '01941f29-7fee-7fa7-88e3-1a75652a2784', 'draft', 0, 'GBP', null, null, null, '2025-01-06T00:00:00Z', '2025-01-06T00:00:00Z', 0);
                    insert into lessons (id, course_id, title, body, duration_minutes, position, published, created_at, updated_at, version) values
                      ('01941f29-9000-7000-8000-000000000001', '01941f29-8000-7000-8000-000000000001', 'Gears', '# Gears', 15, 1, true, '2025-01-05T00:00:00Z', '2025-01-05T00:00:00Z', 1),
                      ('01941f29-9000-7000-8000-000000000002', '01941f29-8000-7000-8000-000000000001', 'Cards', '', 20, 2, false, '2025-01-05T00:01:00Z', '2025-01-05T00:01:00Z', 0);
                    """);
            Map<String, List<String>> before = snapshot(statement);

            var result = flyway(url).load().migrate();

            assertThat(result.success).isTrue();
            assertThat(result.migrationsExecuted).isPositive();
            assertThat(snapshot(statement)).isEqualTo(before);
        }
    }

    static Map<String, List<String>> snapshot(Statement statement) throws SQLException {
        Map<String, List<String>> rows = new java.util.LinkedHashMap<>();
        for (String table : CATALOGUE_TABLES) {
            List<String> tableRows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery("select t::text from " + table + " t order by id")) {
                while (result.next()) {
                    tableRows.add(result.getString(1));
                }
            }
            assertThat(tableRows).as(table).isNotEmpty();
            rows.put(table, tableRows);
        }
        return rows;
    }
}
