package dev.campus.shared;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import dev.campus.shared.Sorting.Sort;

/**
 * A validated request for one page: its size, its order, and where the previous page ended (the sort value
 * and id of its last row, carried in an opaque cursor).
 */
public record PageRequest<E>(int limit, Sort<E> sort, Object afterValue, UUID afterId) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final String SEPARATOR = "\n";

    /** Reads the `limit`, `sort` and `cursor` query parameters; anything malformed is a 400. */
    public static <E> PageRequest<E> of(String limitParam, String sortParam, String cursorParam, Sorting<E> sorting) {
        int limit = parseLimit(limitParam);
        Sort<E> sort = sorting.parse(sortParam);
        if (cursorParam == null || cursorParam.isEmpty()) {
            return new PageRequest<>(limit, sort, null, null);
        }
        String[] parts = decode(cursorParam).split(SEPARATOR, 3);
        if (parts.length != 3) {
            throw badCursor("is not a cursor this service issued");
        }
        if (!parts[0].equals(sort.param())) {
            throw badCursor("was issued for sort=" + parts[0] + "; keep the sort of the first page");
        }
        try {
            return new PageRequest<>(limit, sort, sort.field().parse().apply(parts[2]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw badCursor("is not a cursor this service issued");
        }
    }

    /** The cursor that continues after {@code last}. */
    public String cursorAfter(E last, UUID lastId) {
        String raw = sort.param() + SEPARATOR + lastId + SEPARATOR + sort.field().value().apply(last);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static int parseLimit(String param) {
        if (param == null || param.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(param);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw Problems.invalid("query", "limit", "must be an integer from 1 to " + MAX_LIMIT);
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw badCursor("is not a cursor this service issued");
        }
    }

    private static RuntimeException badCursor(String why) {
        return Problems.invalid("query", "cursor", why);
    }
}
