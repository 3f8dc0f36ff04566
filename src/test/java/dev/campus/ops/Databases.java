package dev.campus.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.campus.devmode.EmbeddedDatabaseConfigSourceFactory.EmbeddedDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The PostgreSQL servers and databases the tests of this package run the packaged application against. */
final class Databases {

    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?");

    private Databases() {
    }

    /**
     * A new, empty database on the JVM-wide embedded server (the one every other test uses), as the CAMPUS_DB_*
     * settings the application reads.
     */
    static Map<String, String> freshDatabase(String prefix) throws SQLException {
        Map<String, String> shared = EmbeddedDatabase.start();
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = connect(shared); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        Matcher url = JDBC_URL.matcher(shared.get("CAMPUS_DB_URL"));
        if (!url.matches()) {
            throw new IllegalStateException("unexpected JDBC URL " + shared.get("CAMPUS_DB_URL"));
        }
        return Map.of("CAMPUS_DB_URL", url.group(1) + name, "CAMPUS_DB_USER", shared.get("CAMPUS_DB_USER"),
                "CAMPUS_DB_PASSWORD", shared.get("CAMPUS_DB_PASSWORD"));
    }

    /** Drops a database made by {@link #freshDatabase}, closing whatever connections are left. */
    static void drop(Map<String, String> settings) {
        if (settings == null) {
            return;
        }
        Matcher url = JDBC_URL.matcher(settings.get("CAMPUS_DB_URL"));
        if (!url.matches()) {
            return;
        }
        try (Connection connection = connect(EmbeddedDatabase.start()); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + url.group(2) + " WITH (FORCE)");
        } catch (SQLException e) {
            // Best effort: the server and its databases go away with the test JVM anyway.
        }
    }

    static Connection connect(Map<String, String> settings) throws SQLException {
        return DriverManager.getConnection(settings.get("CAMPUS_DB_URL"), settings.get("CAMPUS_DB_USER"),
                settings.get("CAMPUS_DB_PASSWORD"));
    }

    /**
     * A PostgreSQL server of its own, on a fixed port and data directory, that a test can stop and start again:
     * the same address and the same data, as after a database restart or failover.
     */
    static final class DedicatedServer implements AutoCloseable {
        final int port;
        final Path dataDirectory;
        private EmbeddedPostgres server;

        DedicatedServer(int port, Path dataDirectory) {
            this.port = port;
            this.dataDirectory = dataDirectory;
        }

        DedicatedServer start() throws IOException {
            server = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDirectory).setCleanDataDirectory(false).start();
            return this;
        }

        void stop() throws IOException {
            if (server != null) {
                EmbeddedPostgres running = server;
                server = null;
                running.close();
            }
        }

        Map<String, String> settings() {
            return Map.of("CAMPUS_DB_URL", "jdbc:postgresql://localhost:" + port + "/postgres", "CAMPUS_DB_USER", "postgres",
                    "CAMPUS_DB_PASSWORD", "postgres");
        }

        @Override
        public void close() throws IOException {
            stop();
        }
    }
}
