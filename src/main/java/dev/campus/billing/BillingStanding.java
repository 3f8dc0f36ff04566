package dev.campus.billing;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A user's billing standing: standing, exact outstanding totals per currency, invoice counts per status. */
@Schema(name = "BillingStanding")
public record BillingStanding(
        @Schema(required = true, description = "The user this standing is of") UUID userId,
        @Schema(required = true, description = "has_open_invoices if the user has any open invoice, else good_standing", type = SchemaType.STRING, enumeration = { "good_standing", "has_open_invoices" }) String standing,
        @Schema(required = true, description = "Total of open invoices, one entry per currency, summed exactly") List<MoneyTotal> outstanding,
        @Schema(required = true, description = "Number of invoices in each status", example = "{\"open\": 1, \"paid\": 3, \"void\": 0, \"refunded\": 0}") Map<String, Long> invoiceCounts) {
}
