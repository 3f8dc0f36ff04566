package dev.campus.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application on a database whose migration history another release wrote (docs/development.md, "How to
 * write a migration"). During a rolling update the previous release keeps serving on the new schema and, after a
 * rollback, starts on it again: migrations newer than its own are accepted. A history that does not match the
 * migrations it knows (a changed checksum, an older migration it has not got) still stops the start. A migration
 * that has to wait for a lock behind a long transaction gives up after lock_timeout (beforeMigrate.sql) instead of
 * queueing every write to that table behind it; the start fails, and the next start (Kubernetes restarts the pod)
 * applies it once the transaction is gone.
 */
class MigrationHistoryIT {

    static final Duration START_WITHIN = Duration.ofSeconds(90);
    /** beforeMigrate.sql's lock_timeout (2 s) plus a margin for a loaded CI machine. */
    static final Duration WRITES_WAIT_AT_MOST = Duration.ofSeconds(5);

    @TempDir
    Path otherRelease;
    Map<String, String> database;
    PackagedApp app;
    Connection longTransaction;

    @AfterEach
    void stop() throws SQLException {
        try {
            if (longTransaction != null) {
                longTransaction.close();
            }
        } finally {
            if (app != null) {
                app.close();
            }
            Databases.drop(database);
        }
    }

    @Test
    void aReleaseStartsAndServesOnTheSchemaOfALaterRelease() throws Exception {
        database = Databases.freshDatabase("future");
        migrate(Flyway.configure(), "V9000__a_later_releases_table.sql", "CREATE TABLE a_later_releases_table (id uuid PRIMARY KEY);");

        app = PackagedApp.start("migration-history-future", database);
        app.awaitReady(START_WITHIN);

        assertThat(app.get("/api/v1/users?limit=1").statusCode()).isEqualTo(200);
        assertThat(app.log()).as(app.logTail(40)).doesNotContain("\"level\":\"ERROR\"");
        assertThat(appliedVersions()).as("the later release's migration stays recorded").contains("9000");
    }

    @Test
    void aChangedChecksumOfAKnownMigrationStillStopsTheStart() throws Exception {
        database = Databases.freshDatabase("checksum");
        migrate(Flyway.configure(), null, null);
        execute("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");

        String failure = failedStart("migration-history-checksum");

        assertThat(failure).contains("Campus cannot start").contains("checksum mismatch").contains("version 1");
    }

    @Test
    void anAppliedOlderMigrationThisReleaseHasNotGotStillStopsTheStart() throws Exception {
        database = Databases.freshDatabase("missing");
        migrate(Flyway.configure(), "V1_5__removed_from_the_code.sql", "CREATE TABLE removed_from_the_code (id uuid PRIMARY KEY);");

        String failure = failedStart("migration-history-missing");

        assertThat(failure).contains("Campus cannot start").contains("applied migration not resolved locally").contains("1.5");
    }

    @Test
    void aMigrationBehindALongTransactionFailsFastInsteadOfBlockingWritesAndTheNextStartAppliesIt() throws Exception {
        // V11 adds a column to invoices: it needs the table to itself (ACCESS EXCLUSIVE).
        database = Databases.freshDatabase("locked");
        Flyway.configure().dataSource(database.get("CAMPUS_DB_URL"), database.get("CAMPUS_DB_USER"), database.get("CAMPUS_DB_PASSWORD"))
                .locations("classpath:db/migration").target("10").load().migrate();
        longTransaction = Databases.connect(database);
        longTransaction.setAutoCommit(false);
        try (Statement statement = longTransaction.createStatement()) {
            statement.executeQuery("SELECT count(*) FROM invoices").close();
        }

        app = PackagedApp.start("migration-history-locked", database);
        long slowestWriteMs = 0;
        int writes = 0;
        try (Connection writer = Databases.connect(database); Statement statement = writer.createStatement()) {
            // A write to invoices as the serving release makes them, while the migration waits for its lock. Should the
            // migration not give up, the write fails here after 20 s rather than hanging the build.
            statement.execute("SET statement_timeout = '20s'");
            long deadline = System.nanoTime() + START_WITHIN.toNanos();
            while (app.process.isAlive() && System.nanoTime() < deadline) {
                long start = System.nanoTime();
                statement.executeUpdate("UPDATE invoices SET id = id WHERE false");
                slowestWriteMs = Math.max(slowestWriteMs, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                writes++;
                Thread.sleep(50);
            }
        }
        assertThat(app.process.waitFor(5, TimeUnit.SECONDS)).as("the start failed by itself\n" + app.logTail(40)).isTrue();
        assertThat(app.process.exitValue()).as(app.logTail(40)).isNotZero();
        assertThat(app.log()).as(app.logTail(40)).contains("Campus cannot start").contains("lock timeout");
        assertThat(slowestWriteMs).as("the slowest of %d writes to invoices while the migration waited (ms)", writes)
                .isLessThan(WRITES_WAIT_AT_MOST.toMillis());
        assertThat(appliedVersions()).as("nothing of V11 is left applied").doesNotContain("11");

        longTransaction.rollback();
        app = PackagedApp.start("migration-history-locked-restart", database);
        app.awaitReady(START_WITHIN);
        assertThat(appliedVersions()).contains("11");
        System.out.printf("MigrationHistoryIT: behind a long transaction the migration gave up; %d writes to its table "
                + "meanwhile, the slowest took %d ms; the next start applied it%n", writes, slowestWriteMs);
    }

    /** Migrates with this release's migrations plus, when named, one more written to a directory of its own. */
    void migrate(org.flywaydb.core.api.configuration.FluentConfiguration flyway, String extraName, String extraSql) throws Exception {
        flyway.dataSource(database.get("CAMPUS_DB_URL"), database.get("CAMPUS_DB_USER"), database.get("CAMPUS_DB_PASSWORD"));
        if (extraName == null) {
            flyway.locations("classpath:db/migration");
        } else {
            Files.writeString(otherRelease.resolve(extraName), extraSql);
            flyway.locations("classpath:db/migration", "filesystem:" + otherRelease);
        }
        flyway.load().migrate();
    }

    String failedStart(String name) throws Exception {
        app = PackagedApp.start(name, database);
        assertThat(app.process.waitFor(START_WITHIN.toSeconds(), TimeUnit.SECONDS)).as(name + " stopped by itself\n" + app.logTail(40))
                .isTrue();
        assertThat(app.process.exitValue()).as(app.logTail(40)).isNotZero();
        return app.log();
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = Databases.connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    java.util.List<String> appliedVersions() throws SQLException {
        java.util.List<String> versions = new java.util.ArrayList<>();
        try (Connection connection = Databases.connect(database); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        }
        return versions;
    }
}
