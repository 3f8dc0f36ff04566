package dev.campus.webhook;

import java.util.List;

import jakarta.inject.Singleton;

import io.quarkus.arc.Unremovable;

import dev.campus.event.EventCatalog;
import dev.campus.shared.events.Change;
import dev.campus.shared.events.ResourceEvents;

/** webhook_endpoint.disabled: the delivery worker gave up on an endpoint; data: the WebhookEndpoint. */
@Singleton
@Unremovable
public class WebhookEndpointEvents implements ResourceEvents<WebhookEndpoint> {

    @Override
    public Class<WebhookEndpoint> entityType() {
        return WebhookEndpoint.class;
    }

    @Override
    public List<String> types() {
        return List.of(EventCatalog.WEBHOOK_ENDPOINT_DISABLED);
    }

    @Override
    public String subject(WebhookEndpoint endpoint) {
        return "/api/v1/webhook-endpoints/" + endpoint.id;
    }

    @Override
    public Object data(WebhookEndpoint endpoint) {
        return WebhookEndpointResponse.of(endpoint, false);
    }

    @Override
    public List<String> typesOf(Change<WebhookEndpoint> change) {
        boolean disabledByWorker = change.changed("enabled") && !change.entity().enabled && change.entity().disabledReason != null;
        return disabledByWorker ? List.of(EventCatalog.WEBHOOK_ENDPOINT_DISABLED) : List.of();
    }
}
