package dev.campus.system;

import java.sql.SQLException;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * In production, a failed start is logged as one line that says what is wrong (no database configured, the
 * database unreachable, ...) instead of pages of nested stack traces. Enabled by quarkus.log.console.filter.
 */
@LoggingFilter(name = "startup-failure")
public final class StartupFailureLogFilter implements Filter {

    static final String SETTINGS = "CAMPUS_DB_URL (e.g. jdbc:postgresql://db:5432/campus), CAMPUS_DB_USER and CAMPUS_DB_PASSWORD";

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getThrown() != null && record.getLevel().intValue() >= Level.SEVERE.intValue()
                && "io.quarkus.runtime.Application".equals(record.getLoggerName())) {
            record.setMessage("Campus cannot start: " + explain(record.getThrown()));
            record.setParameters(null);
            record.setThrown(null);
        }
        return true;
    }

    static String explain(Throwable failure) {
        Throwable migration = migrationFailure(failure);
        if (migration != null) {
            String report = condensed(String.valueOf(migration.getMessage()));
            return report.startsWith("Validate failed")
                    ? "the database's migration history does not fit this release's migrations: " + report
                    : "a database migration failed and was rolled back; the next start (the pod's restart) tries again: " + report;
        }
        Throwable deepest = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("URL is not set") || message.contains("CAMPUS_DB_")) {
                return "the database is not configured; set " + SETTINGS;
            }
            if (message.contains("mp.jwt.verify") || message.contains("CAMPUS_JWT_")) {
                return "authentication is not configured; set " + AuthenticationSettingsCheck.SETTINGS;
            }
            if (cause instanceof SQLException) {
                return "the database is unreachable or refused the login (check " + SETTINGS + "): " + firstLine(message);
            }
            deepest = cause;
        }
        return deepest.getClass().getSimpleName() + ": " + firstLine(String.valueOf(deepest.getMessage()));
    }

    /**
     * The Flyway exception of a failed migration or validation (a lock or statement timeout, a SQL error, a history
     * this release does not accept), or null: also when the database could not be reached at all (SQL state class 08,
     * or no state: an I/O error), which the caller reports as such.
     */
    private static Throwable migrationFailure(Throwable failure) {
        Throwable flyway = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (flyway == null && cause.getClass().getName().startsWith("org.flywaydb.")) {
                flyway = cause;
            }
            if (cause instanceof SQLException sql && (sql.getSQLState() == null || sql.getSQLState().startsWith("08")
                    || sql.getSQLState().startsWith("28") || sql.getSQLState().startsWith("3D"))) {
                return null;
            }
        }
        return flyway;
    }

    /** Flyway's multi-line report on one line: its lines joined by "; " (separators and hints left out), at most 800 characters. */
    private static String condensed(String message) {
        String line = String.join("; ", message.lines().map(String::strip).filter(text -> !text.isEmpty() && !text.matches("-+") && !text.startsWith("Need more flexibility"))
                .map(text -> text.replaceAll("\\s+", " ")).toList());
        return line.length() <= 800 ? line : line.substring(0, 800) + "...";
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).trim();
    }
}
