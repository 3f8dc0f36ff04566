package dev.campus.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.agroal.api.AgroalDataSource;

import io.quarkus.arc.Arc;

/**
 * A fingerprint of every row of every application table (its count and a hash of its contents), read from the
 * service's own datasource (for @QuarkusTest classes, which share its JVM): equal fingerprints before and after
 * a request mean the request changed nothing, whatever table a future operation writes to. Tests run one at a
 * time, so no other request writes in between.
 */
public final class DatabaseState {

    private static String query;

    private DatabaseState() {
    }

    public static String fingerprint() {
        AgroalDataSource dataSource = Arc.container().instance(AgroalDataSource.class).get();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            StringBuilder fingerprint = new StringBuilder();
            try (ResultSet rows = statement.executeQuery(query(statement))) {
                while (rows.next()) {
                    fingerprint.append(rows.getString(1)).append('\n');
                }
            }
            return fingerprint.toString();
        } catch (SQLException e) {
            throw new AssertionError("cannot read the database state", e);
        }
    }

    private static synchronized String query(Statement statement) throws SQLException {
        if (query == null) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("select tablename from pg_tables where schemaname = current_schema()"
                    + " and tablename <> 'flyway_schema_history' order by tablename")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            if (tables.isEmpty()) {
                throw new AssertionError("no application tables found");
            }
            List<String> selects = new ArrayList<>();
            for (String table : tables) {
                String quoted = "\"" + table.replace("\"", "\"\"") + "\"";
                selects.add("select '" + table + " ' || count(*) || ' ' || coalesce(sum(hashtext(t::text)::bigint), 0) from " + quoted + " t");
            }
            query = String.join(" union all ", selects);
        }
        return query;
    }
}
