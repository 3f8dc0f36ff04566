package dev.campus.shared.events;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.hibernate.Session;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.util.TypeLiteral;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InstanceHandle;

/**
 * Writes a transaction's changes as rows of the events table, in the transaction, just before it commits. Each
 * event gets a time-ordered id (UUIDv7, increasing within the transaction), the transaction's time, the type(s) the
 * entity's {@link ResourceEvents} derives from the change, the resource's path and its API representation as JSON.
 * The events table's {@code tx} column records the writing transaction's id, which the feed orders by; its
 * {@code traceparent} the W3C trace context of the request that wrote it (null outside a trace), which the Kafka
 * relay's producer spans link to.
 */
final class OutboxWriter {

    static final String INSERT = "insert into events (id, type, source, subject, occurred_at, data, traceparent) values (?, ?, ?, ?, ?, ?::jsonb, ?)";

    private record Catalogue(ArcContainer container, Map<Class<?>, ResourceEvents<?>> byEntity, boolean enabled, String source) {
    }

    private static volatile Catalogue catalogue;

    private OutboxWriter() {
    }

    /** Whether changes of this entity class become events (events enabled and a ResourceEvents bean for it). */
    static boolean describes(Class<?> entityType) {
        Catalogue current = catalogue();
        return current.enabled() && current.byEntity().containsKey(entityType);
    }

    /** The ResourceEvents beans of this application, read once per container (tests restart it). */
    private static Catalogue catalogue() {
        Catalogue current = catalogue;
        ArcContainer container = Arc.container();
        if (current == null || current.container() != container) {
            Map<Class<?>, ResourceEvents<?>> byEntity = new HashMap<>();
            // A raw ResourceEvents would not match the beans' parameterized types (CDI assignability): ask with a wildcard.
            for (InstanceHandle<ResourceEvents<?>> handle : container.select(new TypeLiteral<ResourceEvents<?>>() {
            }).handles()) {
                ResourceEvents<?> events = handle.get();
                byEntity.put(events.entityType(), events);
            }
            var config = ConfigProvider.getConfig();
            current = new Catalogue(container, Map.copyOf(byEntity),
                    config.getOptionalValue("campus.events.enabled", Boolean.class).orElse(true),
                    config.getOptionalValue("campus.events.source", String.class).orElse("/campus"));
            catalogue = current;
            if (!current.enabled()) {
                org.jboss.logging.Logger.getLogger(OutboxWriter.class).warn("campus.events.enabled=false: events are disabled;"
                        + " changes are not written to the outbox, and the events feed and webhooks will never see them"
                        + " (meant for measuring the outbox's cost only)");
            }
        }
        return current;
    }

    static void write(SharedSessionContractImplementor session, TransactionChanges changes) {
        Catalogue current = catalogue();
        Session orm = (Session) session;
        ObjectMapper json = Arc.container().instance(ObjectMapper.class).get();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Timestamp time = Timestamp.from(now);
        String traceparent = traceparent();
        List<Object[]> rows = new java.util.ArrayList<>();
        for (TransactionChanges.Entry entry : changes.entries()) {
            if (entry.gone) {
                continue;
            }
            if (!entry.created && !entry.deleted && entry.before.containsValue(TransactionChanges.UNKNOWN)) {
                // changed by bulk SQL: read what it is now (a managed copy would be stale)
                Object managed = orm.find(entry.type, entry.id);
                if (managed == null) {
                    continue;
                }
                orm.refresh(managed);
                entry.entity = managed;
            }
            rows.addAll(rows(current, entry, orm, json, time, traceparent));
        }
        if (rows.isEmpty()) {
            return;
        }
        orm.doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        insert.setObject(i + 1, row[i]);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static List<Object[]> rows(Catalogue current, TransactionChanges.Entry entry, Session orm, ObjectMapper json, Timestamp time,
            String traceparent) {
        ResourceEvents events = current.byEntity().get(entry.type);
        if (events == null) {
            return List.of();
        }
        Map<String, Object> after = new HashMap<>();
        String[] names = entry.persister.getPropertyNames();
        Object[] values = entry.persister.getValues(entry.entity);
        for (int i = 0; i < names.length; i++) {
            if (!TransactionChanges.BOOKKEEPING.contains(names[i])) {
                after.put(names[i], values[i]);
            }
        }
        Map<String, Object> before = new HashMap<>(entry.before);
        TransactionChanges.BOOKKEEPING.forEach(before::remove);
        Change change = new Change(entry.entity, entry.created, entry.deleted, before, after,
                (type, id) -> orm.find((Class<?>) type, id));
        List<String> types = events.typesOf(change);
        if (types.isEmpty()) {
            return List.of();
        }
        String data;
        try {
            data = json.writeValueAsString(events.data(entry.entity));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the event data of " + entry.type.getSimpleName() + " " + entry.id, e);
        }
        String subject = events.subject(entry.entity);
        return types.stream().map(type -> new Object[] { EventIds.next(), type, current.source(), subject, time, data, traceparent }).toList();
    }

    /** The W3C traceparent of the current span (the writing request's), or null when there is none. */
    private static String traceparent() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex() : null;
    }
}
