package dev.campus.shared.paging;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import dev.campus.shared.Problems;
import dev.campus.shared.Uuids;
import dev.campus.shared.paging.Sorting.Sort;

/**
 * A validated request for one page: its size, its order, and where the previous page ended (the sort value
 * and id of its last row, carried in an opaque cursor).
 *
 * <p>A cursor is read completely before any query runs: its format version, the list and the sort that issued
 * it, a canonical UUID, and a sort value the database can compare exactly (see {@link SortField}); anything
 * else is a 400 naming {@code cursor}. Cursors are not signed: a signature proves only what the service can
 * check anyway, and needs a key shared by every replica and kept across deploys (a build-derived key is neither
 * secret nor stable across a rolling update; a per-process key breaks paging across replicas). That is a
 * deployment secret (campus.cursor.signing-key) worth adding together with its manifests; until then a forged
 * cursor can only position a page inside the list its caller may read anyway.
 */
public record PageRequest<E>(int limit, Sort<E> sort, Object afterValue, UUID afterId) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final String VERSION = "c1";
    private static final String SEPARATOR = "\n";
    private static final String NOT_ISSUED = "is not a cursor this list issued; start again from the first page";

    /** Reads the `limit`, `sort` and `cursor` query parameters; anything malformed is a 400. */
    public static <E> PageRequest<E> of(String limitParam, String sortParam, String cursorParam, Sorting<E> sorting) {
        int limit = parseLimit(limitParam);
        Sort<E> sort = sorting.parse(sortParam);
        if (cursorParam == null || cursorParam.isEmpty()) {
            return new PageRequest<>(limit, sort, null, null);
        }
        // version, list, sort, id, value: the value last, since text may hold the separator. The list is named by its
        // name or, for the lists the previous release had, by its sort fields (Sorting.LISTS_WITH_FIELD_KEYED_CURSORS).
        String[] parts = decode(cursorParam).split(SEPARATOR, 5);
        if (parts.length != 5 || !parts[0].equals(VERSION) || !(parts[1].equals(sort.list()) || parts[1].equals(sort.cursorKey()))) {
            throw badCursor(NOT_ISSUED);
        }
        if (!parts[2].equals(sort.param())) {
            throw badCursor(sorting.isOffered(parts[2])
                    ? "was issued for sort=" + parts[2] + "; keep the sort of the first page"
                    : NOT_ISSUED);
        }
        try {
            return new PageRequest<>(limit, sort, sort.field().parse().apply(parts[4]), Uuids.parse(parts[3]));
        } catch (RuntimeException e) {
            throw badCursor(NOT_ISSUED);
        }
    }

    /** The cursor that continues after {@code last}. */
    public String cursorAfter(E last, UUID lastId) {
        String raw = String.join(SEPARATOR, VERSION, sort.cursorKey(), sort.param(), lastId.toString(),
                String.valueOf(sort.field().value().apply(last)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static int parseLimit(String param) {
        if (param == null || param.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        // ASCII digits only, as the contract's integer says: Integer.parseInt would also take "+5" and other scripts' digits
        if (param.length() <= 3 && param.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int limit = Integer.parseInt(param);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        }
        throw Problems.invalid("query", "limit", "must be an integer from 1 to " + MAX_LIMIT);
    }

    /** Base64url of UTF-8, both strictly: what a lenient decoder would repair was not issued here. */
    private static String decode(String cursor) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw badCursor(NOT_ISSUED);
        }
    }

    private static RuntimeException badCursor(String why) {
        return Problems.invalid("query", "cursor", why);
    }
}
