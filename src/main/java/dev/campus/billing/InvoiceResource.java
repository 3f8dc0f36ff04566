package dev.campus.billing;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
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
import dev.campus.shared.Preconditions;
import dev.campus.shared.paging.ListParams;
import dev.campus.shared.paging.Page;
import io.quarkus.security.Authenticated;

/** Invoices of paid enrollments and the money moving through them. */
@Path("/api/v1/invoices")
@Tag(name = "Invoices", description = "Invoices of paid enrollments: pay, void, refund")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class InvoiceResource {

    @Inject
    BillingService billing;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Context
    HttpHeaders headers;


    @GET
    @Path("{id}")
    @Operation(operationId = "getInvoice", summary = "Get an invoice", description = "An invoice with its total, status, due time and transition times. ETag holds the version.")
    @APIResponseSchema(value = InvoiceResponse.class, responseCode = "200", responseDescription = "The invoice; ETag holds its version")
    @APIResponse(responseCode = "304", description = "Not modified since the ETag given in If-None-Match")
    @APIResponse(responseCode = "404", description = "No such invoice")
    public RestResponse<InvoiceResponse> get(@PathParam("id") @Parameter(description = "Invoice id") UUID id) {
        return ETags.read(headers, () -> Invoice.visibleVersion(id, caller), () -> Invoice.requireVisible(id, caller), InvoiceResponse::of);
    }

    @GET
    @Operation(operationId = "listInvoices", summary = "List invoices", description = "Sort field: createdAt (default).")
    public RestResponse<Page<InvoiceResponse>> list(
            @QueryParam("userId") @Parameter(description = "Only this user's invoices") UUID userId,
            @QueryParam("status") @Parameter(description = "Only invoices in this status") InvoiceStatus status,
            @QueryParam("enrollmentId") @Parameter(description = "Only the invoice of this enrollment") UUID enrollmentId,
            @BeanParam ListParams page) {
        Page<Invoice> found = Invoice.search(caller, userId, status, enrollmentId, page.request(Invoice.SORTING));
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
    @Parameter(name = Idempotency.HEADER, in = ParameterIn.HEADER, description = "Makes retries safe: a repeat with the same key and body answers the first response",
            schema = @Schema(type = SchemaType.STRING), example = "2f1c7b9e-pay-1")
    public RestResponse<InvoiceResponse> pay(@PathParam("id") @Parameter(description = "Invoice id") UUID id,
            @NotNull @Valid PaymentRequest request) {
        return idempotency.once(request, InvoiceResponse.class, () -> changed(billing.pay(id, request, Preconditions.of(headers))));
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
        Invoice.requireChangeable(id, caller);
        return changed(billing.voidInvoice(id, Preconditions.of(headers)));
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
        Invoice.requireChangeable(id, caller);
        return changed(billing.refund(id, Preconditions.of(headers)));
    }

    /** 200 with the changed invoice and its new ETag. */
    private static RestResponse<InvoiceResponse> changed(Invoice invoice) {
        return ETags.withTag(RestResponse.Status.OK, invoice.version, InvoiceResponse.of(invoice));
    }
}
