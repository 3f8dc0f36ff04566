package dev.campus.webhook;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One delivery attempt as the API shows it. */
@Schema(name = "WebhookDelivery")
public record WebhookDeliveryResponse(
        @Schema(required = true, description = "Id of the attempt") UUID id,
        @Schema(required = true, description = "The endpoint") UUID endpointId,
        @Schema(required = true, description = "The event sent (its webhook-id)") UUID eventId,
        @Schema(required = true, description = "The event's type", example = "invoice.paid") String eventType,
        @Schema(required = true, description = "Whether the endpoint answered 2xx") boolean succeeded,
        @Schema(nullable = true, description = "The HTTP status the endpoint answered; null when it did not answer") Integer statusCode,
        @Schema(required = true, description = "Milliseconds from sending to the answer (or the failure)") int latencyMs,
        @Schema(nullable = true, description = "Why the attempt failed") String error,
        @Schema(nullable = true, description = "The first 500 characters of the answer's body") String responseExcerpt,
        @Schema(required = true, description = "When the attempt was made (ISO-8601, UTC)") Instant attemptedAt) {

    static WebhookDeliveryResponse of(WebhookDelivery delivery) {
        return new WebhookDeliveryResponse(delivery.id, delivery.endpointId, delivery.eventId, delivery.eventType, delivery.succeeded,
                delivery.statusCode, delivery.latencyMs, delivery.error, delivery.responseExcerpt, delivery.attemptedAt);
    }
}
