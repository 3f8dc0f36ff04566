package dev.campus.shared.events;

import java.util.List;

/**
 * How one kind of entity shows up as domain events: the event types a change of it has, the resource path
 * (the event's subject) and the representation the API returns for it (the event's data). A feature declares one
 * CDI bean per entity; the outbox ({@link OutboxIntegrator}) finds it and writes the events of every change of
 * that entity in the transaction of the change. Features never write events themselves.
 */
public interface ResourceEvents<E> {

    /** The entity class whose changes this describes. */
    Class<E> entityType();

    /** Every event type a change of this entity may have, e.g. "invoice.paid". */
    List<String> types();

    /** The resource's path, the events' subject, e.g. "/api/v1/invoices/{id}". */
    String subject(E entity);

    /** The representation the API returns for the resource after the change (before it, for a deletion). */
    Object data(E entity);

    /** The event types of this change, in order; none when the change is of no interest to consumers. */
    List<String> typesOf(Change<E> change);
}
