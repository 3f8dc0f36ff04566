package dev.campus.shared;

import java.time.Instant;
import java.util.function.Function;

/**
 * One attribute a list can be sorted by: its name in the API, the entity attribute in HQL, how to read it
 * from a row (to build the next cursor) and how to read it back from a cursor.
 */
public record SortField<E>(String name, String attribute, Function<E, ?> value, Function<String, ?> parse) {

    public static <E> SortField<E> text(String name, Function<E, String> value) {
        return new SortField<>(name, name, value, Function.identity());
    }

    public static <E> SortField<E> instant(String name, Function<E, Instant> value) {
        return new SortField<>(name, name, value, Instant::parse);
    }

    public static <E> SortField<E> number(String name, String attribute, Function<E, Long> value) {
        return new SortField<>(name, attribute, value, Long::valueOf);
    }
}
