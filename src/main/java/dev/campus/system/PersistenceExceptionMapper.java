package dev.campus.system;

import java.sql.SQLException;

import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.quarkus.arc.ArcUndeclaredThrowableException;

/**
 * What the persistence and transaction layers throw, answered by {@link DatabaseProblems}: a
 * {@link PersistenceException} from Hibernate, a plain {@link SQLException}, and the checked exceptions a failed
 * commit of {@code @Transactional} raises (rethrown as they are, or wrapped in an ArcUndeclaredThrowableException).
 */
@Provider
public class PersistenceExceptionMapper implements ExceptionMapper<PersistenceException> {

    @Inject
    DatabaseProblems problems;

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(PersistenceException exception) {
        return problems.toResponse(exception, uriInfo);
    }

    abstract static class Base<E extends Throwable> implements ExceptionMapper<E> {
        @Inject
        DatabaseProblems problems;

        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(E exception) {
            return problems.toResponse(exception, uriInfo);
        }
    }

    @Provider
    public static class Sql extends Base<SQLException> {
    }

    @Provider
    public static class Rollback extends Base<RollbackException> {
    }

    @Provider
    public static class HeuristicMixed extends Base<HeuristicMixedException> {
    }

    @Provider
    public static class HeuristicRollback extends Base<HeuristicRollbackException> {
    }

    @Provider
    public static class TransactionSystem extends Base<SystemException> {
    }

    @Provider
    public static class Undeclared extends Base<ArcUndeclaredThrowableException> {
    }
}
