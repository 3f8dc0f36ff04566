package dev.campus.billing;

import io.quarkus.security.Authenticated;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.campus.shared.Caller;
import dev.campus.shared.Problems;

/** A user's billing standing, in one aggregate read. */
@Path("/api/v1/users/{id}/billing")
@Tag(name = "Invoices")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class BillingStandingResource {

    @Inject
    Caller caller;

    @GET
    @Operation(operationId = "getBillingStanding", summary = "Get a user's billing standing",
            description = "Good standing, or has open invoices; the outstanding total per currency; invoice counts per status.")
    @APIResponseSchema(value = BillingStanding.class, responseCode = "200", responseDescription = "The standing")
    @APIResponse(responseCode = "404", description = "No such user")
    public BillingStanding get(@PathParam("id") @Parameter(description = "User id") UUID id) {
        caller.requireActingFor(id, "User", id);
        List<Object[]> rows = Invoice.totalsByStatusAndCurrency(id);
        if (rows.isEmpty()) {
            throw Problems.notFound("User", id);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (InvoiceStatus status : InvoiceStatus.values()) {
            counts.put(status.apiValue(), 0L);
        }
        List<MoneyTotal> outstanding = new ArrayList<>();
        for (Object[] row : rows) {
            if (row[0] == null) {
                continue; // the user, without invoices
            }
            counts.merge((String) row[0], ((Number) row[2]).longValue(), Long::sum);
            if (InvoiceStatus.OPEN.apiValue().equals(row[0])) {
                // Summed as numeric by PostgreSQL: exact, also for legacy amounts above the bound.
                outstanding.add(new MoneyTotal(((BigDecimal) row[3]).toBigIntegerExact(), (String) row[1]));
            }
        }
        return new BillingStanding(id, outstanding.isEmpty() ? "good_standing" : "has_open_invoices", outstanding, counts);
    }
}
