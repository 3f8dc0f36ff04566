package dev.campus.webhook;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A webhook endpoint as a client creates or patches it. */
@Schema(name = "WebhookEndpointRequest")
public record WebhookEndpointRequest(
        @Schema(required = true, description = "Where events are POSTed: an http or https URL of a public host (or of one campus.webhooks.allowed-hosts names); redirects are not followed",
                example = "https://mail.example.com/campus-events") @NotNull @Size(min = 1, max = 2000) String url,
        @Schema(required = true, description = "The event types to receive; a resource's prefix such as invoice.* takes all its types",
                example = "[\"enrollment.activated\", \"invoice.*\"]") @NotNull @NotEmpty @Size(max = 50) List<@NotNull @Size(min = 1, max = 100) String> eventTypes,
        @Schema(nullable = true, description = "What the endpoint is for", example = "Welcome mails") @Size(max = 500) String description,
        @Schema(nullable = true, description = "Whether events are delivered; default true. Enabling an endpoint the worker disabled resumes delivery where it stopped")
        Boolean enabled) {

    static WebhookEndpointRequest of(WebhookEndpoint endpoint) {
        return new WebhookEndpointRequest(endpoint.url, endpoint.types(), endpoint.description, endpoint.enabled);
    }
}
