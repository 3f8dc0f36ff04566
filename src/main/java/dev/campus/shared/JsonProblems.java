package dev.campus.shared;

import java.util.Collection;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * What Jackson refuses in a request body, as the 400 every other validation failure gets. Used by the
 * exception mappers and by code that reads JSON itself (merge patches).
 */
public final class JsonProblems {

    private JsonProblems() {
    }

    /**
     * The 400 problem (RFC 9457) for a request body Jackson could not read: {@code violations: [{field, in: "body",
     * message}]}, the field as a path (lessons[2].title) and a message about it, never about Java types.
     */
    public static HttpProblem of(JsonProcessingException exception) {
        if (exception instanceof StorableText.NotUtf8) {
            return Problems.invalid("body", "", StorableText.NOT_UTF8_MESSAGE);
        }
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
}
