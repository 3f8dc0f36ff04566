package dev.campus.event;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.campus.shared.Caller;
import dev.campus.shared.paging.ListParams;
import dev.campus.shared.paging.Page;
import dev.campus.shared.paging.PageRequest;
import dev.campus.shared.Problems;
import dev.campus.shared.StorableText;

/** The events feed: every change of every resource, in commit-safe order, for other services to follow. */
@Path("/api/v1/events")
@Tag(name = "Events", description = "Domain events (CloudEvents 1.0): every committed change of a resource, as a feed to poll with a cursor")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Caller.SERVICE, Caller.ADMIN })
public class EventResource {

    @Context
    UriInfo uriInfo;

    @GET
    @Operation(operationId = "listEvents", summary = "List events (the feed)",
            description = "Events in feed order: an event appears once the transaction that wrote it, and every transaction that could write one"
                    + " sorted before it, has ended, so a consumer that keeps the last nextCursor and polls with it sees every event exactly once"
                    + " and in order, whatever order concurrent transactions commit in. In the default order nextCursor is never null once"
                    + " there are events: on the last page it names the position after its last event (an empty page returns the cursor sent),"
                    + " so a consumer stores it and polls with it again later. Events are kept campus.events.retention (30 days)."
                    + " Sort fields: position (default).")
    public RestResponse<Page<EventResponse>> list(
            @QueryParam("type") @Parameter(description = "Only events of these types; repeat it for several, or end it in .* for every type of a resource (invoice.*)",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = String.class)) List<String> types,
            @QueryParam("subject") @Parameter(description = "Only events about this resource path", example = "/api/v1/invoices/0190b4a2-7d1e-7c3a-9f1b-2b6f0c1d2e3f") String subject,
            @BeanParam ListParams page) {
        List<String> exact = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (String type : types == null ? List.<String>of() : types) {
            if (type == null || !EventCatalog.isTypeOrPrefix(type)) {
                throw Problems.invalid("query", "type", "must be an event type (such as invoice.paid) or a resource's prefix (such as invoice.*)");
            }
            String prefix = EventCatalog.prefixOf(type);
            if (prefix == null) {
                exact.add(type);
            } else {
                prefixes.add(prefix);
            }
        }
        if (subject != null && (subject.length() > 300 || !StorableText.isStorable(subject))) {
            throw Problems.invalid("query", "subject", "must be a resource path of at most 300 characters");
        }
        PageRequest<Event> request = page.request(Event.SORTING);
        Page<Event> found = Event.search(exact, prefixes, subject, request);
        if (found.nextCursor() == null && !request.sort().descending()) {
            // The feed does not end: the last page names where the next events will be, for the consumer to poll.
            String resume = found.items().isEmpty() ? uriInfo.getQueryParameters().getFirst("cursor")
                    : request.cursorAfter(found.items().get(found.items().size() - 1), found.items().get(found.items().size() - 1).id);
            found = new Page<>(found.items(), resume == null || resume.isEmpty() ? null : resume);
        }
        return page.respond(found.map(EventResponse::of));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getEvent", summary = "Get an event", description = "One event of the feed, by its id (the webhook-id of its deliveries).")
    @APIResponseSchema(value = EventResponse.class, responseCode = "200", responseDescription = "The event")
    @APIResponse(responseCode = "404", description = "No such event (or not yet visible in the feed, or past retention)")
    public EventResponse get(@PathParam("id") @Parameter(description = "Event id") UUID id) {
        return EventResponse.of(Event.require(id));
    }
}
