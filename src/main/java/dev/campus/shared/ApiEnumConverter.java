package dev.campus.shared;

import java.util.Arrays;

import jakarta.persistence.AttributeConverter;

/** Stores an {@link ApiEnum} as its API spelling, so the column holds what the CHECK constraint lists. */
public abstract class ApiEnumConverter<E extends Enum<E> & ApiEnum> implements AttributeConverter<E, String> {

    private final Class<E> type;

    protected ApiEnumConverter(Class<E> type) {
        this.type = type;
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
        return Arrays.stream(type.getEnumConstants()).filter(value -> value.apiValue().equals(column)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Unknown " + type.getSimpleName() + " in the database: " + column));
    }
}
