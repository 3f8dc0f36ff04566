package dev.campus.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import dev.campus.devmode.EmbeddedDatabaseConfigSourceFactory.EmbeddedDatabase;

/** Migration tests' databases: a new empty one on the shared embedded server, and Flyway over the service's migrations. */
public final class Migrations {

    private Migrations() {
    }

    /** Flyway configured for the service's own migrations (classpath db/migration) on this database. */
    public static FluentConfiguration flyway(String url) {
        return Flyway.configure().dataSource(url, "postgres", "postgres").locations("classpath:db/migration");
    }

    /** The JDBC URL of a new, empty database on the JVM-wide embedded PostgreSQL. */
    public static String freshDatabase() throws SQLException {
        String serverUrl = EmbeddedDatabase.start().get("CAMPUS_DB_URL");
        String name = "migration_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(serverUrl, "postgres", "postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        }
        return serverUrl.replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
    }
}
