package dev.campus.shared.paging;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.campus.shared.Problems;

/** The sort orders a list offers: a whitelist of fields, each ascending or descending ("-name"). */
public final class Sorting<E> {

    private final Map<String, SortField<E>> fields = new LinkedHashMap<>();
    private final String list;
    private final String defaultSort;

    /**
     * The orders of the list named {@code list}: the name is written into its cursors, so a cursor of another
     * list (users, courses, invoices and webhook endpoints all sort by createdAt) is a 400 rather than read as a
     * position in this one. Names must be unique across the API (ArchitectureTest checks them).
     */
    @SafeVarargs
    public Sorting(String list, String defaultSort, SortField<E>... fields) {
        for (SortField<E> field : fields) {
            this.fields.put(field.name(), field);
        }
        this.list = list;
        this.defaultSort = defaultSort;
    }

    /** The list's name, as its cursors carry it. */
    public String list() {
        return list;
    }

    /**
     * The lists the release before the events feed already had. Its cursors named a list by the sort fields it
     * offers ("createdAt,email,displayName"), not by its name. During a rolling update or after a rollback both
     * releases serve behind one load balancer, and a client's next page may reach either: so these lists keep
     * issuing that form, which both releases read, and read both forms (the expand step; docs/development.md).
     * The lists added since have only the new form. Contract step: once no release that needs the old form runs,
     * empty this set (cursors then carry the list's name) and keep reading the old form one more release.
     */
    static final java.util.Set<String> LISTS_WITH_FIELD_KEYED_CURSORS = java.util.Set.of("users", "courses", "lessons", "enrollments",
            "invoices");

    /** The key this list's cursors are issued with: its sort fields for the lists above, its name otherwise. */
    private String cursorKey() {
        return LISTS_WITH_FIELD_KEYED_CURSORS.contains(list) ? String.join(",", fields.keySet()) : list;
    }

    /** The order named by a `sort` query parameter, exactly as the contract's enum spells it; anything else is a 400. */
    public Sort<E> parse(String param) {
        String value = param == null || param.isEmpty() ? defaultSort : param;
        boolean descending = value.startsWith("-");
        SortField<E> field = fields.get(descending ? value.substring(1) : value);
        if (field == null) {
            throw Problems.invalid("query", "sort", "must be one of " + String.join(", ", fields.keySet())
                    + ", optionally prefixed with '-' for descending order");
        }
        return new Sort<>(field, descending, list, cursorKey());
    }

    /** Every value the `sort` parameter accepts, default order first: each field ascending, then descending ("-name"). */
    public java.util.List<String> params() {
        java.util.List<String> params = new java.util.ArrayList<>();
        params.add(defaultSort);
        fields.keySet().forEach(name -> {
            for (String param : new String[] { name, "-" + name }) {
                if (!params.contains(param)) {
                    params.add(param);
                }
            }
        });
        return params;
    }

    /** Whether {@code param} names one of this list's orders. */
    boolean isOffered(String param) {
        return fields.containsKey(param.startsWith("-") ? param.substring(1) : param);
    }

    /** An order of the list {@code list} (its {@link #list()}), whose cursors carry {@code cursorKey}. */
    public record Sort<E>(SortField<E> field, boolean descending, String list, String cursorKey) {
        public String param() {
            return (descending ? "-" : "") + field.name();
        }
    }
}
