package dev.campus.webhook;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import dev.campus.shared.paging.WhereClause;
import dev.campus.shared.paging.Keyset;
import dev.campus.shared.paging.Page;
import dev.campus.shared.paging.PageRequest;
import dev.campus.shared.Problems;
import dev.campus.shared.paging.SortField;
import dev.campus.shared.paging.Sorting;
import dev.campus.shared.events.EventIds;

/** One attempt to deliver one event to one endpoint: what the endpoint answered, or why it could not. */
@Entity
@Table(name = "webhook_deliveries")
public class WebhookDelivery extends PanacheEntityBase {

    public static final Sorting<WebhookDelivery> SORTING = new Sorting<>("webhook-deliveries", "attemptedAt",
            SortField.instant("attemptedAt", delivery -> delivery.attemptedAt));

    @Id
    public UUID id = EventIds.next();

    @Column(name = "endpoint_id", nullable = false, updatable = false)
    public UUID endpointId;

    @Column(name = "event_id", nullable = false, updatable = false)
    public UUID eventId;

    @Column(name = "event_type", nullable = false, updatable = false)
    public String eventType;

    @Column(nullable = false)
    public boolean succeeded;

    @Column(name = "status_code")
    public Integer statusCode;

    @Column(name = "latency_ms", nullable = false)
    public int latencyMs;

    public String error;

    @Column(name = "response_excerpt")
    public String responseExcerpt;

    @Column(name = "attempted_at", nullable = false)
    public Instant attemptedAt;

    public static WebhookDelivery require(UUID endpointId, UUID id) {
        return WebhookDelivery.<WebhookDelivery>findByIdOptional(id).filter(delivery -> delivery.endpointId.equals(endpointId))
                .orElseThrow(() -> Problems.notFound("Delivery", id));
    }

    public static Page<WebhookDelivery> search(UUID endpointId, PageRequest<WebhookDelivery> page) {
        return Keyset.page((query, parameters) -> find(query, parameters),
                new WhereClause().and("endpointId = :endpointId", "endpointId", endpointId), page, delivery -> delivery.id);
    }
}
