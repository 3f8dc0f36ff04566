package dev.campus.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A rollout starts several replicas at once against the same database, which may still be empty: every replica
 * runs Flyway at start. They must all come up, and each migration must be applied exactly once.
 */
class ReplicasStartTogetherIT {

    static final int REPLICAS = 3;
    /** JVM start plus migrations, three processes sharing the CPUs of a CI machine. */
    static final Duration READY_WITHIN = Duration.ofSeconds(120);
    static final Pattern MIGRATION = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.+\\.sql");

    final List<PackagedApp> replicas = new ArrayList<>();
    Map<String, String> database;

    @AfterEach
    void stop() {
        replicas.forEach(PackagedApp::close);
        Databases.drop(database);
    }

    @Test
    void threeReplicasStartedTogetherOnAnEmptyDatabaseAllBecomeReadyAndMigrateOnce() throws Exception {
        database = Databases.freshDatabase("replicas");
        List<PackagedApp.Launch> launches = new ArrayList<>();
        for (int i = 1; i <= REPLICAS; i++) {
            launches.add(PackagedApp.prepare("replica-" + i, database));
        }

        // The same moment: every thread waits at the barrier, then starts its process.
        CyclicBarrier together = new CyclicBarrier(REPLICAS);
        ExecutorService starters = Executors.newFixedThreadPool(REPLICAS);
        try {
            List<Future<PackagedApp>> started = new ArrayList<>();
            for (PackagedApp.Launch launch : launches) {
                started.add(starters.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return launch.start();
                }));
            }
            for (Future<PackagedApp> replica : started) {
                replicas.add(replica.get(30, TimeUnit.SECONDS));
            }
        } finally {
            starters.shutdownNow();
        }

        long start = System.nanoTime();
        for (PackagedApp replica : replicas) {
            Duration left = READY_WITHIN.minusNanos(System.nanoTime() - start);
            replica.awaitReady(left.isNegative() ? Duration.ZERO : left);
        }
        System.out.printf("ReplicasStartTogetherIT: %d replicas ready %d ms after their simultaneous start%n", REPLICAS,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));

        for (PackagedApp replica : replicas) {
            assertThat(replica.process.isAlive()).as(replica.name + " is still running\n" + replica.logTail(40)).isTrue();
            assertThat(replica.get("/api/v1/users?limit=1").statusCode()).as(replica.name + " serves the API").isEqualTo(200);
            assertThat(replica.log()).as(replica.name + " logged no error\n" + replica.logTail(40))
                    .doesNotContain("\"level\":\"ERROR\"");
        }

        Map<String, Integer> expected = new TreeMap<>();
        for (String version : migrationVersions()) {
            expected.put(version, 1);
        }
        Map<String, Integer> applied = new TreeMap<>();
        List<String> failed = new ArrayList<>();
        try (Connection connection = Databases.connect(database); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT version, success, description FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")) {
            while (rows.next()) {
                applied.merge(rows.getString("version"), 1, Integer::sum);
                if (!rows.getBoolean("success")) {
                    failed.add(rows.getString("version") + " " + rows.getString("description"));
                }
            }
        }
        assertThat(failed).as("failed migrations in flyway_schema_history").isEmpty();
        assertThat(applied).as("how often each migration version is recorded in flyway_schema_history").isEqualTo(expected);

        long applyingReplicas = replicas.stream().filter(replica -> replica.log().contains("Successfully applied")).count();
        System.out.printf("ReplicasStartTogetherIT: %d migrations applied by %d replica(s), the others found the schema up to date%n",
                expected.size(), applyingReplicas);
    }

    /** The versions of src/main/resources/db/migration/V*__*.sql, as Flyway records them ("1", "10", "2.1"...). */
    static List<String> migrationVersions() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
            List<String> versions = files.map(path -> MIGRATION.matcher(path.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(match -> match.group(1).replace('_', '.'))
                    .toList();
            assertThat(versions).as("versioned migrations in src/main/resources/db/migration").isNotEmpty();
            return versions;
        }
    }
}
