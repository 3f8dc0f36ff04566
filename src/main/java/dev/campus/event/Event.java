package dev.campus.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import dev.campus.shared.paging.WhereClause;
import dev.campus.shared.paging.Keyset;
import dev.campus.shared.paging.Page;
import dev.campus.shared.paging.PageRequest;
import dev.campus.shared.Problems;
import dev.campus.shared.paging.SortField;
import dev.campus.shared.paging.Sorting;

/**
 * A domain event, as the outbox wrote it in the transaction of its change (see dev.campus.shared.events). Read only:
 * the feed reads it, the retention job deletes it.
 */
@Entity
@Immutable
@Table(name = "events")
public class Event extends PanacheEntityBase {

    /** The feed's one order: the writing transaction, then the id (increasing within a transaction). */
    public static final Sorting<Event> SORTING = new Sorting<>("events", "position",
            SortField.number("position", "tx", event -> event.tx));

    @Id
    public UUID id;

    /** The id of the transaction that wrote the event (pg_current_xact_id()). */
    @Column(nullable = false, insertable = false, updatable = false)
    public long tx;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String source;

    @Column(nullable = false)
    public String subject;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public JsonNode data;

    /** The W3C traceparent of the request that wrote the event; null outside a trace. */
    public String traceparent;

    /**
     * The feed's visibility rule in SQL: the oldest transaction still running. Only events of transactions below it
     * are shown (and relayed): see {@link #horizon()}.
     */
    public static final String HORIZON = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

    /** The event, if it is already visible in the feed (its transaction, and every one before it, ended). */
    public static Event require(UUID id) {
        return Event.<Event>findByIdOptional(id).filter(event -> event.tx < horizon())
                .orElseThrow(() -> Problems.notFound("Event", id));
    }

    /**
     * The transactions whose events the feed may show: those with an id below the oldest transaction still running.
     * Every transaction below it has ended, and every one that starts later gets a larger id, so an event shown
     * never has an unseen one sorted before it, whatever order transactions commit in.
     */
    public static long horizon() {
        Object value = getEntityManager().createNativeQuery("select " + HORIZON).getSingleResult();
        return ((Number) value).longValue();
    }

    /** Up to {@code limit} events visible in the feed after the position (tx, id), in feed order. */
    public static List<Event> visibleAfter(long tx, UUID id, int limit) {
        return find("tx < ?1 and (tx, id) > (?2, ?3) order by tx, id", horizon(), tx, id).range(0, limit - 1).list();
    }

    /** A page of the feed: events of these types (exact, or prefixes ending in ".") and this subject, in feed order. */
    public static Page<Event> search(List<String> exactTypes, List<String> typePrefixes, String subject, PageRequest<Event> page) {
        WhereClause filter = new WhereClause().and("tx < :horizon", "horizon", horizon());
        if (!exactTypes.isEmpty() || !typePrefixes.isEmpty()) {
            List<String> alternatives = new java.util.ArrayList<>();
            Map<String, Object> parameters = new java.util.HashMap<>();
            if (!exactTypes.isEmpty()) {
                alternatives.add("type in :types");
                parameters.put("types", exactTypes);
            }
            for (int i = 0; i < typePrefixes.size(); i++) {
                alternatives.add("type like :prefix" + i + " escape '\\'");
                parameters.put("prefix" + i, typePrefixes.get(i).replace("_", "\\_") + "%");
            }
            filter.and("(" + String.join(" or ", alternatives) + ")", parameters);
        }
        filter.and("subject = :subject", "subject", subject);
        return Keyset.page((query, parameters) -> find(query, parameters), filter, page, event -> event.id);
    }
}
