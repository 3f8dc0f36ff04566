package dev.campus.shared.events;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * What one transaction did to one entity: created it, deleted it, or changed some of its properties, with their
 * values as the transaction found them. Properties the outbox always sees change (version, updatedAt) are left out.
 */
public final class Change<E> {

    private final E entity;
    private final boolean created;
    private final boolean deleted;
    private final Map<String, Object> before;
    private final Map<String, Object> after;
    private final BiFunction<Class<?>, Object, Object> finder;

    Change(E entity, boolean created, boolean deleted, Map<String, Object> before, Map<String, Object> after,
            BiFunction<Class<?>, Object, Object> finder) {
        this.entity = entity;
        this.created = created;
        this.deleted = deleted;
        this.before = before;
        this.after = after;
        this.finder = finder;
    }

    /** The entity after the change (as it was when deleted). */
    public E entity() {
        return entity;
    }

    /** Inserted by this transaction. */
    public boolean created() {
        return created;
    }

    /** Deleted by this transaction. */
    public boolean deleted() {
        return deleted;
    }

    /** The property's value before the transaction changed it; null for a created entity. */
    public Object before(String property) {
        return before.get(property);
    }

    /** Whether the transaction changed the property (always false for a creation or deletion). */
    public boolean changed(String property) {
        return !created && !deleted && before.containsKey(property) && !Objects.equals(before.get(property), after.get(property));
    }

    /** The properties the transaction changed (empty for a creation or deletion). */
    public Set<String> changedProperties() {
        if (created || deleted) {
            return Set.of();
        }
        return before.keySet().stream().filter(this::changed).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Another entity, from the same persistence context (so as this transaction sees it). */
    public <T> T find(Class<T> type, Object id) {
        return type.cast(finder.apply(type, id));
    }
}
