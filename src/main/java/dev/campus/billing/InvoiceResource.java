package dev.campus.billing;

import io.quarkus.security.Authenticated;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.campus.shared.Caller;
import dev.campus.shared.ETags;
import dev.campus.shared.Idempotency;
import dev.campus.shared.ListParams;
import dev.campus.shared.Page;
import dev.campus.shared.QueryParams;

/** Invoices of paid enrollments and the money moving through them. */
@Path("/api/v1/invoices")
@Tag(name = "Invoices", description = "Invoices of paid enrollments: pay, void, refund")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class InvoiceResource {

    @Inject
    Billing billing;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uriInfo;


    @GET
    @Path("{id}")
    @Operation(operationId = "getInvoice", summary = "Get an invoice", description = "An invoice with its total, status, due time and transition times. ETag holds the version.")
    @APIResponseSchema(value = InvoiceResponse.class, responseCode = "200", responseDescription = "The invoice; ETag holds its version")
    @APIResponse(responseCode = "304", description = "Not modified since the ETag given in If-None-Match")
    @APIResponse(responseCode = "404", description = "No such invoice")
    public RestResponse<InvoiceResponse> get(@PathParam("id") @Parameter(description = "Invoice id") UUID id) {
        requireOwn(id);
        Invoice invoice = Invoice.require(id);
        return ETags.read(headers, invoice.version, InvoiceResponse.of(invoice));
    }

    @GET
    @Operation(operationId = "listInvoices", summary = "List invoices", description = "Sort field: createdAt (default).")
    public RestResponse<Page<InvoiceResponse>> list(
            @QueryParam("userId") @Parameter(description = "Only this user's invoices", schema = @Schema(type = SchemaType.STRING, format = "uuid")) String userId,
            @QueryParam("status") @Parameter(description = "Only invoices in this status", schema = @Schema(type = SchemaType.STRING, enumeration = { "open", "paid", "void", "refunded" })) String status,
            @QueryParam("enrollmentId") @Parameter(description = "Only the invoice of this enrollment", schema = @Schema(type = SchemaType.STRING, format = "uuid")) String enrollmentId,
            @BeanParam ListParams page) {
        caller.requireAuthenticated();
        UUID onlyUser = caller.isPrivileged() ? null : caller.id();
        Page<Invoice> found = Invoice.search(onlyUser, QueryParams.uuid("userId", userId), QueryParams.enumValue("status", status, InvoiceStatus.class),
                QueryParams.uuid("enrollmentId", enrollmentId), page.request(Invoice.SORTING));
        return page.respond(found.map(InvoiceResponse::of));
    }

    @POST
    @Path("{id}/pay")
    @Transactional
    @RolesAllowed({ Caller.SERVICE, Caller.ADMIN })
    @Operation(operationId = "payInvoice", summary = "Record the payment of an open invoice",
            description = "For the payment integration (role service) and admins: money is moved by the payment provider, never recorded by the payer. "
                    + "The amount must equal the invoice total. The invoice becomes paid and its enrollment active. Send an Idempotency-Key to retry safely.")
    @APIResponseSchema(value = InvoiceResponse.class, responseCode = "200", responseDescription = "The paid invoice")
    @APIResponse(responseCode = "403", description = "The caller is neither the payment integration (service) nor an admin")
    @APIResponse(responseCode = "404", description = "No such invoice")
    @APIResponse(responseCode = "409", description = "The invoice is not open, or the payment reference was already used",
            content = @Content(examples = { @ExampleObject(name = "invoice-not-open"), @ExampleObject(name = "payment-reference-used") }))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    @APIResponse(responseCode = "422", description = "The amount does not equal the invoice total, or an Idempotency-Key reused with another request",
            content = @Content(examples = { @ExampleObject(name = "amount-mismatch"), @ExampleObject(name = "idempotency-key-reused") }))
    public RestResponse<InvoiceResponse> pay(@PathParam("id") @Parameter(description = "Invoice id") UUID id,
            @HeaderParam(Idempotency.HEADER) @Parameter(description = "Makes retries safe: a repeat with the same key and body answers the first response", example = "2f1c7b9e-pay-1") String idempotencyKey,
            @NotNull @Valid PaymentRequest request) {
        return idempotency.once(idempotencyKey, uriInfo, request, InvoiceResponse.class,
                () -> transition(id, (invoiceId, ifMatch) -> billing.pay(invoiceId, request, ifMatch)));
    }

    @POST
    @Path("{id}/void")
    @Transactional
    @Operation(operationId = "voidInvoice", summary = "Void an open invoice", description = "Its pending enrollment is cancelled.")
    @APIResponseSchema(value = InvoiceResponse.class, responseCode = "200", responseDescription = "The void invoice")
    @APIResponse(responseCode = "404", description = "No such invoice")
    @APIResponse(responseCode = "409", description = "The invoice is not open",
            content = @Content(examples = { @ExampleObject(name = "invoice-not-open") }))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    public RestResponse<InvoiceResponse> voidInvoice(@PathParam("id") @Parameter(description = "Invoice id") UUID id) {
        privileged(id, "void invoices");
        return transition(id, billing::voidInvoice);
    }

    @POST
    @Path("{id}/refund")
    @Transactional
    @Operation(operationId = "refundInvoice", summary = "Refund a paid invoice", description = "Its enrollment is cancelled.")
    @APIResponseSchema(value = InvoiceResponse.class, responseCode = "200", responseDescription = "The refunded invoice")
    @APIResponse(responseCode = "404", description = "No such invoice")
    @APIResponse(responseCode = "409", description = "The invoice is not paid",
            content = @Content(examples = { @ExampleObject(name = "invoice-not-paid") }))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    public RestResponse<InvoiceResponse> refund(@PathParam("id") @Parameter(description = "Invoice id") UUID id) {
        privileged(id, "refund invoices");
        return transition(id, billing::refund);
    }

    /** Runs a status change, honouring If-Match against the version of the locked invoice. */
    private RestResponse<InvoiceResponse> transition(UUID id, BiFunction<UUID, Consumer<Invoice>, Invoice> change) {
        Invoice invoice = change.apply(id, locked -> ETags.requirePreconditions(headers, locked.version));
        return ETags.withTag(RestResponse.Status.OK, invoice.version, InvoiceResponse.of(invoice));
    }

    /**
     * 404 unless the invoice is the caller's or the caller is an admin or service. Reads only the owner, so
     * the invoice itself is first loaded under the lock that Billing takes.
     */
    private void requireOwn(UUID id) {
        caller.requireActingFor(Invoice.ownerOf(id), "Invoice", id);
    }

    /** Only admins and services void and refund: 403 for the invoice's owner, 404 for anyone else. */
    private void privileged(UUID id, String what) {
        requireOwn(id);
        if (!caller.isPrivileged()) {
            throw Caller.forbidden("Only admins and services may " + what + "; this invoice is yours");
        }
    }
}
