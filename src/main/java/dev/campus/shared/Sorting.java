package dev.campus.shared;

import java.util.LinkedHashMap;
import java.util.Map;

/** The sort orders a list offers: a whitelist of fields, each ascending or descending ("-name"). */
public final class Sorting<E> {

    private final Map<String, SortField<E>> fields = new LinkedHashMap<>();
    private final String defaultSort;

    @SafeVarargs
    public Sorting(String defaultSort, SortField<E>... fields) {
        for (SortField<E> field : fields) {
            this.fields.put(field.name(), field);
        }
        this.defaultSort = defaultSort;
    }

    /** The order named by a `sort` query parameter; anything not whitelisted is a 400. */
    public Sort<E> parse(String param) {
        String value = param == null || param.isBlank() ? defaultSort : param.trim();
        boolean descending = value.startsWith("-");
        SortField<E> field = fields.get(descending ? value.substring(1) : value);
        if (field == null) {
            throw Problems.invalid("query", "sort", "must be one of " + String.join(", ", fields.keySet())
                    + ", optionally prefixed with '-' for descending order");
        }
        return new Sort<>(field, descending);
    }

    public record Sort<E>(SortField<E> field, boolean descending) {
        public String param() {
            return (descending ? "-" : "") + field.name();
        }
    }
}
