package dev.campus.system;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.campus.shared.ApiEnum;
import dev.campus.shared.Problems;
import dev.campus.shared.Uuids;

/**
 * Converts path and query parameters typed as {@link UUID} or as an {@link ApiEnum} enum (a status, a role), so
 * resources declare {@code @QueryParam("status") CourseStatus status} and the values are spelled once, by the
 * enum. A malformed value is a 400 problem (RFC 9457) naming the parameter and where it was sent, never the 404
 * JAX-RS answers for a bad path parameter; an empty query value means "not given" (null).
 */
@Provider
public class TypedParamConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        Parameter parameter = Parameter.of(annotations);
        if (rawType == UUID.class) {
            return (ParamConverter<T>) new Converter<>(parameter, value -> {
                try {
                    return Uuids.parse(value);
                } catch (IllegalArgumentException e) {
                    throw Problems.invalid(parameter.in(), parameter.name(), "'" + value + "' is not a UUID");
                }
            }, UUID::toString);
        }
        if (rawType.isEnum() && ApiEnum.class.isAssignableFrom(rawType)) {
            return (ParamConverter<T>) enumConverter(parameter, (Class) rawType);
        }
        return null;
    }

    private static <E extends Enum<E> & ApiEnum> ParamConverter<E> enumConverter(Parameter parameter, Class<E> type) {
        Map<String, E> byApiValue = Arrays.stream(type.getEnumConstants()).collect(Collectors.toMap(ApiEnum::apiValue, Function.identity()));
        return new Converter<>(parameter, value -> {
            E constant = byApiValue.get(value);
            if (constant == null) {
                throw Problems.invalid(parameter.in(), parameter.name(), "must be one of " + ApiEnum.values(type));
            }
            return constant;
        }, ApiEnum::apiValue);
    }

    /** Where a parameter is sent ("path", "query" or "header", as the problem's errors name it) and its name. */
    private record Parameter(String in, String name) {

        static Parameter of(Annotation[] annotations) {
            for (Annotation annotation : annotations) {
                if (annotation instanceof PathParam path) {
                    return new Parameter("path", path.value());
                }
                if (annotation instanceof RestPath path && !path.value().isEmpty()) {
                    return new Parameter("path", path.value());
                }
                if (annotation instanceof QueryParam query) {
                    return new Parameter("query", query.value());
                }
                if (annotation instanceof RestQuery query && !query.value().isEmpty()) {
                    return new Parameter("query", query.value());
                }
                if (annotation instanceof HeaderParam header) {
                    return new Parameter("header", header.value());
                }
            }
            return new Parameter("path", "id");
        }
    }

    private record Converter<T>(Parameter parameter, Function<String, T> parse, Function<T, String> format) implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            if (value == null || value.isEmpty() && !parameter.in().equals("path")) {
                return null;
            }
            return parse.apply(value);
        }

        @Override
        public String toString(T value) {
            return format.apply(value);
        }
    }
}
