package dev.campus.webhook;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import dev.campus.shared.paging.WhereClause;
import dev.campus.shared.paging.Keyset;
import dev.campus.shared.paging.Page;
import dev.campus.shared.paging.PageRequest;
import dev.campus.shared.Problems;
import dev.campus.shared.paging.SortField;
import dev.campus.shared.paging.Sorting;
import dev.campus.shared.VersionedEntity;

/** A subscriber's URL, the event types it wants, its signing secret and where it is in the feed. */
@Entity
@Table(name = "webhook_endpoints")
public class WebhookEndpoint extends VersionedEntity {

    public static final Sorting<WebhookEndpoint> SORTING = new Sorting<>("webhook-endpoints", "createdAt",
            SortField.instant("createdAt", endpoint -> endpoint.createdAt), SortField.text("url", endpoint -> endpoint.url));

    @Column(nullable = false)
    public String url;

    /** Comma-separated types and prefixes ("invoice.*"). */
    @Column(name = "event_types", nullable = false)
    public String eventTypes;

    public String description;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(nullable = false, updatable = false)
    public String secret;

    @Column(name = "cursor_tx", nullable = false)
    public long cursorTx;

    @Column(name = "cursor_id", nullable = false)
    public UUID cursorId;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "failing_since")
    public Instant failingSince;

    @Column(name = "failed_attempts", nullable = false)
    public int failedAttempts;

    /** The endpoint's version, or null when there is none (the operations are for services and admins only). */
    public static Long currentVersion(UUID id) {
        return new WhereClause().versionWhere(WebhookEndpoint.class, "id", id);
    }

    public static WebhookEndpoint require(UUID id) {
        return WebhookEndpoint.<WebhookEndpoint>findByIdOptional(id).orElseThrow(() -> Problems.notFound("Webhook endpoint", id));
    }

    public static WebhookEndpoint requireForUpdate(UUID id) {
        return WebhookEndpoint.<WebhookEndpoint>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> Problems.notFound("Webhook endpoint", id));
    }

    public static Page<WebhookEndpoint> search(PageRequest<WebhookEndpoint> page) {
        return Keyset.page((query, parameters) -> find(query, parameters), new WhereClause(), page, endpoint -> endpoint.id);
    }

    public List<String> types() {
        return Arrays.stream(eventTypes.split(",")).filter(type -> !type.isEmpty()).toList();
    }

    /** Whether the endpoint subscribed to this event type (exactly or by prefix). */
    public boolean wants(String type) {
        return types().stream().anyMatch(wanted -> wanted.endsWith(".*") ? type.startsWith(wanted.substring(0, wanted.length() - 1)) : wanted.equals(type));
    }
}
