package dev.campus.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;

/**
 * Reads the database with plain SQL on a fresh connection of the service's own datasource (for @QuarkusTest
 * classes, which share its JVM): what is stored, not what the service answers.
 */
public final class Sql {

    private Sql() {
    }

    /** The first column of the first row (null: no row), with the parameters bound in order. */
    public static String value(String sql, Object... parameters) {
        AgroalDataSource dataSource = Arc.container().instance(AgroalDataSource.class).get();
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot read the database: " + sql, e);
        }
    }

    /** A count(*) query's answer. */
    public static long count(String sql, Object... parameters) {
        return Long.parseLong(value(sql, parameters));
    }
}
