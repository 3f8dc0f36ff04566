package dev.campus.system;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;

import dev.campus.shared.ConstraintMessages;
import dev.campus.shared.ProblemType;
import dev.campus.shared.Problems;
import io.quarkiverse.resteasy.problem.ExceptionMapperBase;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemContext;

/**
 * Turns what the database refuses, and database faults, into problem details: constraint violations into the answer
 * the owning feature declared, lost optimistic-lock races into 412, a database that is unreachable, restarting or
 * failing the connection under a statement into 503 database-unavailable (the transaction rolled back), and a commit
 * that failed after it was sent into 503 commit-outcome-unknown (it may have taken effect). Both 503s carry
 * {@code Retry-After} and are logged as one line naming the cause, without a stack trace: they are operational
 * events, not bugs.
 */
@Singleton
public class DatabaseProblems {

    /** Seconds a client should wait before retrying after a database 503. */
    public static final int RETRY_AFTER_SECONDS = 2;

    /** Operator intervention: admin shutdown, crash shutdown, cannot connect now (server starting or stopping). */
    private static final Set<String> OPERATOR_INTERVENTION = Set.of("57P01", "57P02", "57P03");

    private final Map<String, ConstraintMessages.Answer> answers = new HashMap<>();

    @Inject
    void collect(Instance<ConstraintMessages> features) {
        features.forEach(feature -> answers.putAll(feature.answers()));
    }

    /**
     * The response to an exception of the persistence or transaction layers, post-processed (completed, logged) like
     * every other problem. A database fault is logged with a stackless summary of its causes instead of its trace.
     */
    public Response toResponse(Throwable exception, UriInfo uriInfo) {
        HttpProblem problem = toProblem(exception);
        boolean fault = problem.getType() != null && (problem.getType().equals(ProblemType.DATABASE_UNAVAILABLE.uri())
                || problem.getType().equals(ProblemType.COMMIT_OUTCOME_UNKNOWN.uri()));
        Throwable logged = fault ? new DatabaseFault(summary(exception)) : exception;
        return ExceptionMapperBase.postProcessorsRegistry.applyPostProcessing(problem, ProblemContext.of(logged, uriInfo)).toResponse();
    }

    HttpProblem toProblem(Throwable exception) {
        Throwable commitFailure = null;
        boolean failedBeforeCommit = false;
        boolean databaseFault = false;
        for (Throwable cause = exception; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
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
            if (commitFailure == null && isCommitFailure(cause)) {
                commitFailure = cause;
            } else if (commitFailure != null && cause instanceof PersistenceException) {
                // Hibernate failed flushing before the commit was sent (Narayana's beforeCompletion): rolled back.
                failedBeforeCommit = true;
            }
            databaseFault |= isDatabaseFault(cause);
        }
        if (commitFailure != null && !failedBeforeCommit && !(commitFailure instanceof HeuristicRollbackException)) {
            return Problems.builder(ProblemType.COMMIT_OUTCOME_UNKNOWN)
                    .withDetail("The database failed while committing the write, which may or may not have taken effect; retry with"
                            + " the same Idempotency-Key (a write that took effect is replayed), or read the resource first")
                    .withHeader("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        if (databaseFault || commitFailure != null) {
            return Problems.builder(ProblemType.DATABASE_UNAVAILABLE).withDetail("The database is unavailable; retry later")
                    .withHeader("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        // Logged with its stack trace by the problem post-processing; the client sees no internals.
        return Problems.of(ProblemType.INTERNAL, "An unexpected error occurred");
    }

    /** What {@code @Transactional} (Narayana) throws when the commit fails. */
    static boolean isCommitFailure(Throwable cause) {
        return cause instanceof RollbackException || cause instanceof HeuristicMixedException
                || cause instanceof HeuristicRollbackException || cause instanceof SystemException;
    }

    static boolean isDatabaseFault(Throwable cause) {
        return cause instanceof JDBCConnectionException || cause instanceof SQLTransientConnectionException
                || cause instanceof SQLNonTransientConnectionException || isConnectionFailure(cause) || isAcquisitionTimeout(cause);
    }

    /**
     * The pool gave up waiting for a connection (quarkus.datasource.jdbc.acquisition-timeout): the database does not
     * answer, or every connection is busy. Agroal throws a plain SQLException (no SQLSTATE) caused by a
     * TimeoutException, which Hibernate wraps in a GenericJDBCException, not a JDBCConnectionException.
     */
    private static boolean isAcquisitionTimeout(Throwable cause) {
        return cause instanceof SQLException sql && (sql.getCause() instanceof TimeoutException
                // Agroal 3 also throws a bare SQLException, no SQLSTATE and no cause, with this fixed message.
                || sql.getSQLState() == null && sql.getMessage() != null && sql.getMessage().startsWith(AGROAL_ACQUISITION_TIMEOUT));
    }

    /** The message of Agroal's (io.agroal.pool.ConnectionPool) bare acquisition-timeout SQLException. */
    static final String AGROAL_ACQUISITION_TIMEOUT = "Sorry, acquisition timeout";

    /** SQLSTATE class 08 (connection exceptions), or 57P01-57P03 (the server is shutting down or starting). */
    private static boolean isConnectionFailure(Throwable cause) {
        if (!(cause instanceof SQLException sql) || sql.getSQLState() == null) {
            return false;
        }
        return sql.getSQLState().startsWith("08") || OPERATOR_INTERVENTION.contains(sql.getSQLState());
    }

    /** One line: the SQLSTATE, if any, and the chain of cause classes with the innermost message. */
    static String summary(Throwable exception) {
        List<String> classes = new ArrayList<>();
        String state = null;
        Throwable innermost = exception;
        for (Throwable cause = exception; cause != null && classes.size() < 12; cause = cause.getCause() == cause ? null : cause.getCause()) {
            classes.add(cause.getClass().getName());
            if (state == null && cause instanceof SQLException sql && sql.getSQLState() != null) {
                state = sql.getSQLState();
            }
            innermost = cause;
        }
        String message = innermost.getMessage() == null ? "" : innermost.getMessage().lines().findFirst().orElse("");
        if (message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        return (state == null ? "no SQLSTATE" : "SQLSTATE " + state) + " (" + String.join(" < ", classes) + "): " + message;
    }

    /** What the problem log names as the cause of a database 503: a summary, no stack trace. */
    static final class DatabaseFault extends RuntimeException {
        DatabaseFault(String summary) {
            super(summary, null, false, false);
        }
    }
}
