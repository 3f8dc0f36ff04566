package dev.campus.shared.paging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.TypedQuery;

import io.quarkus.hibernate.orm.panache.Panache;

/** The HQL conditions of a list query, built from optional filters: an absent filter adds nothing. */
public final class WhereClause {

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new HashMap<>();

    /** Adds {@code condition} (which names {@code :param}) when the value is given. */
    public WhereClause and(String condition, String param, Object value) {
        if (value != null) {
            conditions.add(condition);
            parameters.put(param, value);
        }
        return this;
    }

    /** Adds {@code condition}, which names all of {@code values}' keys as parameters. */
    public WhereClause and(String condition, Map<String, Object> values) {
        conditions.add(condition);
        parameters.putAll(values);
        return this;
    }

    /** Case-insensitive substring search over the given attributes, served by trigram indexes. */
    public WhereClause matching(String text, String... attributes) {
        if (text == null || text.isBlank()) {
            return this;
        }
        List<String> alternatives = new ArrayList<>();
        for (String attribute : attributes) {
            alternatives.add(attribute + " ilike :q escape '\\'");
        }
        conditions.add("(" + String.join(" or ", alternatives) + ")");
        parameters.put("q", "%" + text.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        return this;
    }

    /**
     * The version of the one {@code entity} row whose {@code attribute} equals {@code value} and that meets these
     * conditions, or null when there is none: one query on the row's key, no entity loaded or tracked. For
     * conditional reads (RFC 9110, 13.1.2), where the version alone decides a 304.
     */
    public Long versionWhere(Class<?> entity, String attribute, Object value) {
        and(attribute + " = :versionKey", "versionKey", value);
        TypedQuery<Long> query = Panache.getEntityManager()
                .createQuery("select version from " + entity.getSimpleName() + " where " + clause(), Long.class);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(1).getResultStream().findFirst().orElse(null);
    }

    String clause() {
        return String.join(" and ", conditions);
    }

    Map<String, Object> parameters() {
        return parameters;
    }
}
