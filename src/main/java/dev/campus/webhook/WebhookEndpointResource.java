package dev.campus.webhook;

import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import dev.campus.event.Event;
import dev.campus.event.EventCatalog;
import dev.campus.shared.Caller;
import dev.campus.shared.ETags;
import dev.campus.shared.paging.ListParams;
import dev.campus.shared.MergePatch;
import dev.campus.shared.paging.Page;
import dev.campus.shared.Problems;

/** Webhook endpoints: where events are pushed, signed; and the attempts to deliver them. */
@Path("/api/v1/webhook-endpoints")
@Tag(name = "Webhooks", description = "Endpoints that receive events as signed POSTs (Standard Webhooks), and their delivery attempts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Caller.SERVICE, Caller.ADMIN })
public class WebhookEndpointResource {

    @Inject
    TargetPolicy policy;

    @Inject
    MergePatch mergePatch;

    @Inject
    WebhookDeliveryWorker worker;


    @Context
    HttpHeaders headers;

    @POST
    @Transactional
    @Operation(operationId = "createWebhookEndpoint", summary = "Create a webhook endpoint",
            description = "Events of the chosen types that become visible in the feed from now on are POSTed to the URL, in feed order, signed with the"
                    + " secret this answer holds (the only time it is shown).")
    @APIResponseSchema(value = WebhookEndpointResponse.class, responseCode = "201", responseDescription = "Created, with its secret; Location names it")
    public RestResponse<WebhookEndpointResponse> create(@NotNull @Valid WebhookEndpointRequest request) {
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.secret = Signatures.newSecret();
        // Follows the feed from what is not yet visible in it: every event that appears after now.
        endpoint.cursorTx = Event.horizon() - 1;
        endpoint.cursorId = new UUID(-1L, -1L);
        endpoint.nextAttemptAt = Instant.now();
        apply(request, endpoint);
        endpoint.persistAndFlush();
        return ETags.created("/api/v1/webhook-endpoints/" + endpoint.id, endpoint.version, WebhookEndpointResponse.of(endpoint, true));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getWebhookEndpoint", summary = "Get a webhook endpoint", description = "The endpoint, without its secret. ETag holds the version.")
    @APIResponseSchema(value = WebhookEndpointResponse.class, responseCode = "200", responseDescription = "The endpoint")
    @APIResponse(responseCode = "304", description = "Not modified since the ETag given in If-None-Match")
    @APIResponse(responseCode = "404", description = "No such endpoint")
    public RestResponse<WebhookEndpointResponse> get(@PathParam("id") @Parameter(description = "Webhook endpoint id") UUID id) {
        return ETags.read(headers, () -> WebhookEndpoint.currentVersion(id), () -> WebhookEndpoint.require(id),
                endpoint -> WebhookEndpointResponse.of(endpoint, false));
    }

    @GET
    @Operation(operationId = "listWebhookEndpoints", summary = "List webhook endpoints", description = "Sort fields: createdAt (default), url.")
    public RestResponse<Page<WebhookEndpointResponse>> list(@BeanParam ListParams page) {
        return page.respond(WebhookEndpoint.search(page.request(WebhookEndpoint.SORTING)).map(endpoint -> WebhookEndpointResponse.of(endpoint, false)));
    }

    @PATCH
    @Path("{id}")
    @Transactional
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "patchWebhookEndpoint", summary = "Change a webhook endpoint (JSON merge patch)",
            description = "JSON merge patch (RFC 7396) of url, eventTypes, description, enabled. Enabling an endpoint resumes delivery where it stopped. Honours If-Match.")
    @RequestBody(description = "Fields of WebhookEndpointRequest to change")
    @APIResponseSchema(value = WebhookEndpointResponse.class, responseCode = "200", responseDescription = "The changed endpoint")
    @APIResponse(responseCode = "404", description = "No such endpoint")
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    public RestResponse<WebhookEndpointResponse> patch(@PathParam("id") @Parameter(description = "Webhook endpoint id") UUID id,
            @Schema(implementation = WebhookEndpointPatch.class, example = "{\"enabled\": true}") JsonNode patch) {
        WebhookEndpoint endpoint = WebhookEndpoint.requireForUpdate(id);
        ETags.requirePreconditions(headers, endpoint.version);
        boolean wasEnabled = endpoint.enabled;
        apply(mergePatch.apply(WebhookEndpointRequest.of(endpoint), patch, WebhookEndpointRequest.class), endpoint);
        if (endpoint.enabled && !wasEnabled) {
            endpoint.disabledReason = null;
            endpoint.failingSince = null;
            endpoint.failedAttempts = 0;
            endpoint.nextAttemptAt = Instant.now();
        }
        WebhookEndpoint.flush();
        return ETags.withTag(RestResponse.Status.OK, endpoint.version, WebhookEndpointResponse.of(endpoint, false));
    }

    @DELETE
    @Path("{id}")
    @Transactional
    @Operation(operationId = "deleteWebhookEndpoint", summary = "Delete a webhook endpoint", description = "Stops deliveries and forgets its attempts. Honours If-Match.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such endpoint")
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    public void delete(@PathParam("id") @Parameter(description = "Webhook endpoint id") UUID id) {
        WebhookEndpoint endpoint = WebhookEndpoint.requireForUpdate(id);
        ETags.requirePreconditions(headers, endpoint.version);
        endpoint.delete();
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "List an endpoint's delivery attempts",
            description = "Every attempt with its status code, latency and error, for debugging; 404 for an unknown endpoint. Sort fields: attemptedAt (default).")
    public RestResponse<Page<WebhookDeliveryResponse>> deliveries(@PathParam("id") @Parameter(description = "Webhook endpoint id") UUID id,
            @BeanParam ListParams page) {
        WebhookEndpoint.require(id);
        return page.respond(WebhookDelivery.search(id, page.request(WebhookDelivery.SORTING)).map(WebhookDeliveryResponse::of));
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/retry")
    @Transactional
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "retryWebhookDelivery", summary = "Send an attempt's event again",
            description = "Sends the event of the attempt to the endpoint now, with the same webhook-id, and answers the new attempt. It does not move"
                    + " the endpoint's place in the feed.")
    @APIResponseSchema(value = WebhookDeliveryResponse.class, responseCode = "200", responseDescription = "The new attempt")
    @APIResponse(responseCode = "404", description = "No such endpoint or attempt, or its event is past retention")
    public WebhookDeliveryResponse retry(@PathParam("id") @Parameter(description = "Webhook endpoint id") UUID id,
            @PathParam("deliveryId") @Parameter(description = "Delivery attempt id") UUID deliveryId) {
        WebhookEndpoint endpoint = WebhookEndpoint.require(id);
        WebhookDelivery previous = WebhookDelivery.require(id, deliveryId);
        Event event = Event.<Event>findByIdOptional(previous.eventId).orElseThrow(() -> Problems.notFound("Event", previous.eventId));
        WebhookDelivery delivery = worker.attempt(endpoint, event);
        return WebhookDeliveryResponse.of(delivery);
    }

    private void apply(WebhookEndpointRequest request, WebhookEndpoint endpoint) {
        policy.refusal(request.url()).ifPresent(why -> {
            throw Problems.invalid("body", "url", why);
        });
        for (String type : request.eventTypes()) {
            if (!EventCatalog.isTypeOrPrefix(type)) {
                throw Problems.invalid("body", "eventTypes", "must name event types (such as invoice.paid) or a resource's prefix (such as invoice.*)");
            }
        }
        endpoint.url = request.url();
        endpoint.eventTypes = String.join(",", request.eventTypes());
        endpoint.description = request.description();
        endpoint.enabled = request.enabled() == null || request.enabled();
    }
}
