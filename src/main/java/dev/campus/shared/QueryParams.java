package dev.campus.shared;

import java.util.Arrays;
import java.util.UUID;

/** Parses optional filter parameters; a malformed value is a 400 that names the parameter. */
public final class QueryParams {

    private QueryParams() {
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Uuids.parse(value);
        } catch (IllegalArgumentException e) {
            throw Problems.invalid("query", name, "must be a UUID");
        }
    }

    public static <T extends Enum<T> & ApiEnum> T enumValue(String name, String value, Class<T> type) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> constant.apiValue().equals(value))
                .findFirst()
                .orElseThrow(() -> Problems.invalid("query", name, "must be one of " + ApiEnum.values(type)));
    }
}
