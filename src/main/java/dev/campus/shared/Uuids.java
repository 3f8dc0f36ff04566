package dev.campus.shared;

import java.util.UUID;
import java.util.regex.Pattern;

/** Strict UUID parsing: {@link UUID#fromString} accepts shortened forms such as "1-1-1-1-1". */
public final class Uuids {

    private static final Pattern CANONICAL = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Uuids() {
    }

    /** True when the value is a UUID in its canonical 8-4-4-4-12 hex form. */
    public static boolean isUuid(String value) {
        return value != null && CANONICAL.matcher(value).matches();
    }

    /** The UUID of a canonical 8-4-4-4-12 hex string; IllegalArgumentException for anything else. */
    public static UUID parse(String value) {
        if (value == null || !CANONICAL.matcher(value).matches()) {
            throw new IllegalArgumentException("not a UUID: " + value);
        }
        return UUID.fromString(value);
    }
}
