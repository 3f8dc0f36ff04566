/**
 * The transactional outbox every feature reports its changes through: Hibernate listeners collect the changes of a
 * transaction and write them as events before it commits. Each feature describes its entities' events in a
 * {@link dev.campus.shared.events.ResourceEvents}; part of the toolkit, it depends on no feature.
 */
package dev.campus.shared.events;
