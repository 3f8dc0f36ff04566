package dev.campus.webhook;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The contract's description of a merge patch of a webhook endpoint: the fields of WebhookEndpointRequest, none required. */
@Schema(name = "WebhookEndpointPatch", description = "JSON merge patch (RFC 7396) of WebhookEndpointRequest: the fields to change")
public record WebhookEndpointPatch(
        @Schema(description = "Where events are POSTed: an http or https URL of a public host") String url,
        @Schema(description = "The event types to receive; a resource's prefix such as invoice.* takes all its types") List<String> eventTypes,
        @Schema(nullable = true, description = "What the endpoint is for; null removes it") String description,
        @Schema(nullable = true, description = "Whether events are delivered; true resumes an endpoint the worker disabled") Boolean enabled) {
}
