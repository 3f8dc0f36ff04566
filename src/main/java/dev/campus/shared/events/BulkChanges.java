package dev.campus.shared.events;

import java.util.Collection;
import java.util.UUID;

/**
 * For the few writes that bypass the ORM (bulk SQL such as renumbering lessons): names the rows they changed, so
 * that the outbox writes their events like those of any other change. Call it in the transaction of the write.
 */
public final class BulkChanges {

    private BulkChanges() {
    }

    /** The rows of {@code entityType} with these ids had {@code property} changed by a bulk statement. */
    public static void updated(Class<?> entityType, Collection<UUID> ids, String property) {
        if (!ids.isEmpty()) {
            TransactionChanges.current().bulkUpdated(entityType, ids, property);
        }
    }
}
