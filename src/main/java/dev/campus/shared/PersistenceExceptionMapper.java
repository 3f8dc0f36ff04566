package dev.campus.shared;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.ext.Provider;

import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;

import io.quarkiverse.resteasy.problem.ExceptionMapperBase;
import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * Turns what the database refuses into problem details: constraint violations into the answer the owning
 * feature declared, lost optimistic-lock races into 412, an unreachable database into 503.
 */
@Provider
public class PersistenceExceptionMapper extends ExceptionMapperBase<PersistenceException> {

    private final Map<String, ConstraintMessages.Answer> answers = new HashMap<>();

    @Inject
    void collect(Instance<ConstraintMessages> features) {
        features.forEach(feature -> answers.putAll(feature.answers()));
    }

    @Override
    protected HttpProblem toProblem(PersistenceException exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation) {
                ConstraintMessages.Answer answer = answers.get(violation.getConstraintName());
                if (answer != null) {
                    return Problems.of(answer.type(), answer.detail());
                }
                return Problems.of(ProblemType.CONFLICT, "The request conflicts with the current state of the data");
            }
            if (cause instanceof OptimisticLockException || cause instanceof StaleStateException) {
                return Problems.of(ProblemType.PRECONDITION_FAILED, "The resource was changed by another request; read it again and retry");
            }
            if (cause instanceof JDBCConnectionException || cause instanceof SQLTransientConnectionException
                    || isConnectionFailure(cause) || isAcquisitionTimeout(cause)) {
                return Problems.of(ProblemType.DATABASE_UNAVAILABLE, "The database is unavailable; retry later");
            }
        }
        // Logged with its stack trace by the problem post-processing; the client sees no internals.
        return Problems.of(ProblemType.INTERNAL, "An unexpected error occurred");
    }

    /**
     * The pool gave up waiting for a connection (quarkus.datasource.jdbc.acquisition-timeout): the database does not
     * answer, or every connection is busy. Agroal throws a plain SQLException (no SQLSTATE) caused by a
     * TimeoutException, which Hibernate wraps in a GenericJDBCException, not a JDBCConnectionException.
     */
    private static boolean isAcquisitionTimeout(Throwable cause) {
        return cause instanceof SQLException && cause.getCause() instanceof TimeoutException;
    }

    /** SQLSTATE class 08: connection exceptions. */
    private static boolean isConnectionFailure(Throwable cause) {
        return cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08");
    }
}
