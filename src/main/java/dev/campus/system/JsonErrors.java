package dev.campus.system;


import jakarta.annotation.Priority;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.campus.shared.JsonProblems;
import io.quarkiverse.resteasy.problem.ExceptionMapperBase;
import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * Turns what Jackson refuses in a request body into the 400 every other validation failure gets:
 * {@code violations: [{field, in: "body", message}]} with a message about the field, never about Java types.
 */
public final class JsonErrors {

    private JsonErrors() {
    }

    /**
     * Answers Jackson's refusals before the framework's own mappers do (Quarkus's answers with its own JSON
     * shape, quarkus-resteasy-problem's passes Jackson's message, Java type names included, through). JAX-RS
     * picks the mapper of the most specific exception type, so each type they map gets one here.
     */
    abstract static class Mapper<E extends JsonProcessingException> extends ExceptionMapperBase<E> {
        @Override
        protected HttpProblem toProblem(E exception) {
            return JsonProblems.of(exception);
        }
    }

    @Provider
    @Priority(WebApplicationExceptionMappers.LIBRARY_PRIORITY - 1)
    public static class Processing extends Mapper<JsonProcessingException> {
    }

    @Provider
    @Priority(WebApplicationExceptionMappers.LIBRARY_PRIORITY - 1)
    public static class Mapping extends Mapper<JsonMappingException> {
    }

    @Provider
    @Priority(WebApplicationExceptionMappers.LIBRARY_PRIORITY - 1)
    public static class Mismatch extends Mapper<MismatchedInputException> {
    }

    @Provider
    @Priority(WebApplicationExceptionMappers.LIBRARY_PRIORITY - 1)
    public static class Format extends Mapper<InvalidFormatException> {
    }

    @Provider
    @Priority(WebApplicationExceptionMappers.LIBRARY_PRIORITY - 1)
    public static class UnknownField extends Mapper<UnrecognizedPropertyException> {
    }
}
