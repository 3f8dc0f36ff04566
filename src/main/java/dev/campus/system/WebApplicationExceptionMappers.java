package dev.campus.system;

import jakarta.annotation.Priority;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.campus.shared.JsonProblems;
import dev.campus.shared.Problems;
import io.quarkiverse.resteasy.problem.ExceptionMapperBase;
import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * The framework wraps what went wrong in a bare WebApplicationException: unparsable JSON, or our own 400 from
 * a path-parameter converter (which JAX-RS reports as a 404). These mappers answer with the real cause.
 */
final class WebApplicationExceptionMappers {

    /** quarkus-resteasy-problem registers its mappers at this priority; ours must come first. */
    static final int LIBRARY_PRIORITY = 999;

    private WebApplicationExceptionMappers() {
    }

    static HttpProblem toProblem(WebApplicationException exception) {
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpProblem problem) {
                return problem;
            }
            if (cause instanceof JsonProcessingException json) {
                return JsonProblems.of(json);
            }
        }
        Response.StatusType status = exception.getResponse().getStatusInfo();
        return Problems.ofStatus(status.getStatusCode(), status.getReasonPhrase(), exception.getMessage());
    }

    @Provider
    @Priority(LIBRARY_PRIORITY - 1)
    public static class Any extends ExceptionMapperBase<WebApplicationException> {
        @Override
        protected HttpProblem toProblem(WebApplicationException exception) {
            return WebApplicationExceptionMappers.toProblem(exception);
        }
    }

    @Provider
    @Priority(LIBRARY_PRIORITY - 1)
    public static class NotFound extends ExceptionMapperBase<NotFoundException> {
        @Override
        protected HttpProblem toProblem(NotFoundException exception) {
            return WebApplicationExceptionMappers.toProblem(exception);
        }
    }
}
