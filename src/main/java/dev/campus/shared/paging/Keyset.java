package dev.campus.shared.paging;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.quarkus.hibernate.orm.panache.PanacheQuery;

/**
 * Keyset pagination over a Panache entity: one SELECT per page, ordered by the sort attribute and then the id,
 * continuing strictly after the previous page's last (value, id). Its cost does not grow with the depth.
 */
public final class Keyset {

    private Keyset() {
    }

    /**
     * @param find the entity's {@code find(String, Map)} as a lambda (a method reference would bypass Panache's enhancement)
     * @param id   reads the id of a row, the tie-breaker that makes the order total
     */
    public static <E> Page<E> page(BiFunction<String, Map<String, Object>, PanacheQuery<E>> find, WhereClause filter,
            PageRequest<E> request, Function<E, UUID> id) {
        String attribute = request.sort().field().attribute();
        String direction = request.sort().descending() ? "desc" : "asc";
        StringBuilder where = new StringBuilder(filter.clause());
        Map<String, Object> parameters = new HashMap<>(filter.parameters());
        if (request.afterId() != null) {
            if (!where.isEmpty()) {
                where.append(" and ");
            }
            where.append('(').append(attribute).append(", id) ").append(request.sort().descending() ? "<" : ">")
                    .append(" (:afterValue, :afterId)");
            parameters.put("afterValue", request.afterValue());
            parameters.put("afterId", request.afterId());
        }
        String query = (where.isEmpty() ? "" : where + " ") + "order by " + attribute + " " + direction + ", id " + direction;
        List<E> rows = find.apply(query, parameters).range(0, request.limit()).list();
        if (rows.size() <= request.limit()) {
            return new Page<>(rows, null);
        }
        List<E> items = rows.subList(0, request.limit());
        E last = items.get(items.size() - 1);
        return new Page<>(List.copyOf(items), request.cursorAfter(last, id.apply(last)));
    }
}
