package dev.campus.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A webhook endpoint as the API shows it; the secret only in the answer to its creation. */
@Schema(name = "WebhookEndpoint")
public record WebhookEndpointResponse(
        @Schema(required = true, description = "Id of the endpoint") UUID id,
        @Schema(required = true, description = "Where events are POSTed") String url,
        @Schema(required = true, description = "The event types (and prefixes such as invoice.*) it receives") List<String> eventTypes,
        @Schema(nullable = true, description = "What the endpoint is for") String description,
        @Schema(required = true, description = "Whether events are delivered to it") boolean enabled,
        @Schema(nullable = true, description = "Why delivery stopped, when the worker disabled the endpoint after failing for the retry window") String disabledReason,
        @Schema(nullable = true, description = "Since when every attempt has failed; null while deliveries succeed") Instant failingSince,
        @Schema(nullable = true, description = "The signing secret (whsec_ and base64), in the answer to the creation only: store it then."
                + " Verify webhook-signature as HMAC-SHA256 over webhook-id.webhook-timestamp.body (Standard Webhooks)") String secret,
        @Schema(required = true, description = "When the endpoint was created (ISO-8601, UTC)") Instant createdAt,
        @Schema(required = true, description = "When the endpoint was last changed (ISO-8601, UTC)") Instant updatedAt) {

    static WebhookEndpointResponse of(WebhookEndpoint endpoint, boolean withSecret) {
        return new WebhookEndpointResponse(endpoint.id, endpoint.url, endpoint.types(), endpoint.description, endpoint.enabled,
                endpoint.disabledReason, endpoint.failingSince, withSecret ? endpoint.secret : null, endpoint.createdAt, endpoint.updatedAt);
    }
}
