package dev.campus.support;

import static dev.campus.support.Api.api;

import java.util.List;
import java.util.Map;

import dev.campus.webhook.WebhookDeliveryWorker;
import io.quarkus.arc.Arc;

/**
 * Webhook endpoints and delivery attempts for the suites that call every operation (@QuarkusTest only: it runs
 * the delivery worker of the service in this JVM). The endpoints point at a closed port of 127.0.0.1, so every
 * attempt fails fast and is recorded.
 */
public final class WebhookSamples {

    public static final String CLOSED_PORT_URL = "http://127.0.0.1:9/campus-hook";

    private WebhookSamples() {
    }

    /** A new enabled endpoint for user events. */
    public static String endpoint() {
        return api().body(Map.of("url", CLOSED_PORT_URL, "eventTypes", List.of("user.*")))
                .post("/api/v1/webhook-endpoints").then().statusCode(201).extract().path("id");
    }

    /** An endpoint with two failed attempts; returns {endpoint id, delivery id}. */
    public static String[] endpointWithDeliveries() {
        String endpoint = endpoint();
        Fixtures.user("student");
        Arc.container().instance(WebhookDeliveryWorker.class).get().deliverDue();
        String delivery = api().get("/api/v1/webhook-endpoints/{id}/deliveries", endpoint).then().statusCode(200).extract().path("items[0].id");
        api().post("/api/v1/webhook-endpoints/{id}/deliveries/{d}/retry", endpoint, delivery).then().statusCode(200);
        return new String[] { endpoint, delivery };
    }
}
