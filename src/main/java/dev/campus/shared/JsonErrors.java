package dev.campus.shared;

import java.util.Collection;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkiverse.resteasy.problem.ExceptionMapperBase;
import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * Turns what Jackson refuses in a request body into the 400 every other validation failure gets:
 * {@code violations: [{field, in: "body", message}]} with a message about the field, never about Java types.
 */
public final class JsonErrors {

    private JsonErrors() {
    }

    public static HttpProblem toProblem(JsonProcessingException exception) {
        if (!(exception instanceof JsonMappingException mapping)) {
            var location = exception.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            return Problems.invalid("body", "", "is not well-formed JSON" + where);
        }
        String field = mapping.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .reduce((parent, child) -> child.startsWith("[") ? parent + child : parent + "." + child)
                .orElse("");
        return Problems.invalid("body", field, describe(mapping));
    }

    private static String describe(JsonMappingException exception) {
        if (exception instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (exception instanceof StorableText.Refused) {
            return StorableText.MESSAGE;
        }
        Class<?> target = exception instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (target == null) {
            return "is not valid here";
        }
        if (target.isEnum() && ApiEnum.class.isAssignableFrom(target)) {
            @SuppressWarnings("unchecked")
            Class<? extends ApiEnum> enumType = (Class<? extends ApiEnum>) target;
            return "must be one of " + ApiEnum.values(enumType);
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "must be an integer";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (target == String.class) {
            return "must be a string";
        }
        if (target == UUID.class) {
            return "must be a UUID";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "must be a JSON array";
        }
        return "must be a JSON object";
    }

    /**
     * Answers Jackson's refusals before the framework's own mappers do (Quarkus's answers with its own JSON
     * shape, quarkus-resteasy-problem's passes Jackson's message, Java type names included, through). JAX-RS
     * picks the mapper of the most specific exception type, so each type they map gets one here.
     */
    abstract static class Mapper<E extends JsonProcessingException> extends ExceptionMapperBase<E> {
        @Override
        protected HttpProblem toProblem(E exception) {
            return JsonErrors.toProblem(exception);
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
