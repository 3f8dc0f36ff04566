package dev.campus.shared.paging;

import java.time.Instant;
import java.util.function.Function;

import dev.campus.shared.StorableText;

/**
 * One attribute a list can be sorted by: its name in the API, the entity attribute in HQL, how to read it
 * from a row (to build the next cursor) and how to read it back from a cursor. Reading back, however the field
 * was declared, refuses (with an IllegalArgumentException) a value the database could not compare with the
 * column exactly: text with NUL or an unpaired surrogate, an instant outside years 1 to 9999.
 */
public record SortField<E>(String name, String attribute, Function<E, ?> value, Function<String, ?> parse) {

    /** The instants a cursor may carry: ISO-8601 years 1 to 9999, well inside PostgreSQL's timestamptz range. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    public SortField {
        Function<String, ?> read = parse;
        parse = text -> comparable(read.apply(text));
    }

    public static <E> SortField<E> text(String name, Function<E, String> value) {
        return new SortField<>(name, name, value, Function.identity());
    }

    public static <E> SortField<E> instant(String name, Function<E, Instant> value) {
        return new SortField<>(name, name, value, Instant::parse);
    }

    public static <E> SortField<E> number(String name, String attribute, Function<E, Long> value) {
        return new SortField<>(name, attribute, value, Long::valueOf);
    }

    private static Object comparable(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("no sort value");
        }
        if (value instanceof CharSequence text && !StorableText.isStorable(text)) {
            throw new IllegalArgumentException("text the database cannot compare");
        }
        if (value instanceof Instant instant && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST))) {
            throw new IllegalArgumentException("an instant outside the years 1 to 9999");
        }
        return value;
    }
}
