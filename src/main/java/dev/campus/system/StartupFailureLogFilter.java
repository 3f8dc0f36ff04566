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

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).trim();
    }
}
