package dev.campus.shared.events;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.transaction.TransactionSynchronizationRegistry;

import org.hibernate.Session;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.entity.EntityPersister;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.orm.panache.Panache;

/**
 * The entities one transaction inserted, updated or deleted, each with its state as the transaction found it,
 * collected by {@link OutboxIntegrator}'s listeners as Hibernate flushes them. Just before the transaction commits
 * (after Hibernate's last flush, as a Hibernate before-completion callback, so inside the transaction) it becomes
 * the transaction's events ({@link OutboxWriter}). Kept as a resource of the JTA transaction.
 */
final class TransactionChanges {

    private static final Object KEY = TransactionChanges.class;

    /** A value no property ever has: "changed by bulk SQL, from an unknown value". */
    static final Object UNKNOWN = new Object() {
        @Override
        public String toString() {
            return "unknown";
        }
    };

    /** What happened to one entity so far in this transaction. */
    static final class Entry {
        final Class<?> type;
        final Object id;
        final EntityPersister persister;
        Object entity;
        boolean created;
        boolean deleted;
        boolean gone;
        final Map<String, Object> before = new HashMap<>();

        Entry(Class<?> type, Object id, EntityPersister persister) {
            this.type = type;
            this.id = id;
            this.persister = persister;
        }
    }

    private final Map<Object, Entry> entries = new LinkedHashMap<>();

    /** This transaction's changes; registers their writing at the first change. */
    static TransactionChanges current(SharedSessionContractImplementor session) {
        TransactionSynchronizationRegistry registry = Arc.container().instance(TransactionSynchronizationRegistry.class).get();
        if (registry.getTransactionKey() == null) {
            throw new IllegalStateException("A change of a resource outside a transaction cannot be written with its event");
        }
        TransactionChanges changes = (TransactionChanges) registry.getResource(KEY);
        if (changes == null) {
            changes = new TransactionChanges();
            registry.putResource(KEY, changes);
            TransactionChanges collected = changes;
            session.getTransactionCompletionCallbacks().registerCallback(
                    (org.hibernate.engine.spi.TransactionCompletionCallbacks.BeforeCompletionCallback) completing -> OutboxWriter.write(completing, collected));
        }
        return changes;
    }

    /** For bulk SQL run through the current Panache session. */
    static TransactionChanges current() {
        Session session = Panache.getSession();
        return current(session.unwrap(SharedSessionContractImplementor.class));
    }

    private Entry entry(EntityPersister persister, Object id) {
        Class<?> type = persister.getMappedClass();
        return entries.computeIfAbsent(java.util.List.of(type, id), key -> new Entry(type, id, persister));
    }

    void inserted(EntityPersister persister, Object id, Object entity) {
        Entry entry = entry(persister, id);
        entry.entity = entity;
        entry.created = true;
    }

    void updated(EntityPersister persister, Object id, Object entity, Object[] oldState) {
        boolean first = !entries.containsKey(java.util.List.of(persister.getMappedClass(), id));
        Entry entry = entry(persister, id);
        entry.entity = entity;
        if (first && oldState != null) {
            remember(entry, oldState);
        }
    }

    void deleted(EntityPersister persister, Object id, Object entity, Object[] deletedState) {
        boolean first = !entries.containsKey(java.util.List.of(persister.getMappedClass(), id));
        Entry entry = entry(persister, id);
        entry.entity = entity;
        if (entry.created) {
            entry.gone = true; // created and deleted in one transaction: nothing happened for anybody else
        }
        entry.deleted = true;
        if (first && deletedState != null) {
            remember(entry, deletedState);
        }
    }

    void bulkUpdated(Class<?> type, Collection<UUID> ids, String property) {
        EntityPersister persister = Panache.getSession().getSessionFactory().unwrap(org.hibernate.engine.spi.SessionFactoryImplementor.class)
                .getMappingMetamodel().getEntityDescriptor(type);
        for (UUID id : ids) {
            Entry entry = entry(persister, id);
            if (!entry.created) {
                entry.before.put(property, UNKNOWN);
            }
        }
    }

    private static void remember(Entry entry, Object[] state) {
        String[] names = entry.persister.getPropertyNames();
        for (int i = 0; i < names.length; i++) {
            entry.before.put(names[i], state[i]);
        }
    }

    Collection<Entry> entries() {
        return entries.values();
    }

    /** The properties every update changes, so never a reason for an event. */
    static final Set<String> BOOKKEEPING = Set.of("version", "updatedAt");
}
