package dev.campus.shared;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;

/** An enum as the API spells it: lower_snake_case of the constant's name. */
public interface ApiEnum {

    String name();

    @JsonValue
    default String apiValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static String values(Class<? extends ApiEnum> type) {
        return Arrays.stream(type.getEnumConstants()).map(ApiEnum::apiValue).collect(Collectors.joining(", "));
    }
}
