package dev.campus.shared.events;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostDeleteEventListener;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;

/**
 * The one mechanism that turns every change of every resource into its events (the transactional outbox).
 * Hibernate calls these listeners for each row it inserts, updates or deletes, during the flush and in the
 * transaction of the change; entities with a {@link ResourceEvents} bean are collected ({@link TransactionChanges})
 * and written as events just before the commit, after Hibernate's last flush ({@link OutboxWriter}). A rollback
 * takes the events with it; a commit cannot happen without them. Registered through
 * META-INF/services/org.hibernate.integrator.spi.Integrator, which Quarkus reads at build time.
 *
 * <p>Why Hibernate event listeners rather than JPA entity listeners or a CDI event per resource method: they see
 * every entity without an annotation or a call in the features, they give the state before the change (so the
 * type follows from the transition, e.g. status open to paid is invoice.paid), and the before-completion callback
 * runs inside the transaction after the final flush, which a JTA synchronization registered by us would not
 * guarantee. Bulk SQL that bypasses the ORM reports its rows through {@link BulkChanges}.
 */
public class OutboxIntegrator implements org.hibernate.integrator.spi.Integrator, PostInsertEventListener,
        PostUpdateEventListener, PostDeleteEventListener {

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
        EventListenerRegistry registry = sessionFactory.getEventListenerRegistry();
        registry.appendListeners(EventType.POST_INSERT, this);
        registry.appendListeners(EventType.POST_UPDATE, this);
        registry.appendListeners(EventType.POST_DELETE, this);
    }

    @Override
    public void onPostInsert(PostInsertEvent event) {
        if (OutboxWriter.describes(event.getPersister().getMappedClass())) {
            TransactionChanges.current(event.getSession()).inserted(event.getPersister(), event.getId(), event.getEntity());
        }
    }

    @Override
    public void onPostUpdate(PostUpdateEvent event) {
        if (OutboxWriter.describes(event.getPersister().getMappedClass())) {
            TransactionChanges.current(event.getSession()).updated(event.getPersister(), event.getId(), event.getEntity(), event.getOldState());
        }
    }

    @Override
    public void onPostDelete(PostDeleteEvent event) {
        if (OutboxWriter.describes(event.getPersister().getMappedClass())) {
            TransactionChanges.current(event.getSession()).deleted(event.getPersister(), event.getId(), event.getEntity(), event.getDeletedState());
        }
    }

    @Override
    public boolean requiresPostCommitHandling(EntityPersister persister) {
        return false;
    }
}
