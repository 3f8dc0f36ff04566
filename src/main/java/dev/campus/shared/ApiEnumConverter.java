package dev.campus.shared;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.persistence.AttributeConverter;

/** Stores an {@link ApiEnum} as its API spelling, so the column holds what the CHECK constraint lists. */
public abstract class ApiEnumConverter<E extends Enum<E> & ApiEnum> implements AttributeConverter<E, String> {

    private final Class<E> type;
    /** The constants by their API spelling: read once, looked up for every row. */
    private final Map<String, E> byApiValue;

    protected ApiEnumConverter(Class<E> type) {
        this.type = type;
        this.byApiValue = Arrays.stream(type.getEnumConstants()).collect(Collectors.toUnmodifiableMap(ApiEnum::apiValue, value -> value));
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : value.apiValue();
    }

    @Override
    public E convertToEntityAttribute(String column) {
        if (column == null) {
            return null;
        }
        E value = byApiValue.get(column);
        if (value == null) {
            throw new IllegalStateException("Unknown " + type.getSimpleName() + " in the database: " + column);
        }
        return value;
    }
}
