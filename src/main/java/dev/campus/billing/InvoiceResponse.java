package dev.campus.billing;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.campus.shared.Money;

/** An invoice as the API shows it. */
@Schema(name = "Invoice")
public record InvoiceResponse(
        @Schema(required = true, description = "Id of the invoice (time-ordered UUID v7)") UUID id,
        @Schema(required = true, description = "The user who owes the invoice") UUID userId,
        @Schema(required = true, description = "The enrollment the invoice charges for") UUID enrollmentId,
        @Schema(required = true, description = "Amount due, in minor units: the course price at enrollment; a payment must match it exactly") Money total,
        @Schema(required = true, description = "open, then paid (and possibly refunded), or void") InvoiceStatus status,
        @Schema(nullable = true, description = "When the invoice was paid (ISO-8601, UTC); null unless paid or refunded") Instant paidAt,
        @Schema(nullable = true, description = "When the invoice was voided (ISO-8601, UTC); null unless void") Instant voidedAt,
        @Schema(nullable = true, description = "When the invoice was refunded (ISO-8601, UTC); null unless refunded") Instant refundedAt,
        @Schema(required = true, description = "Payment is due by this time (creation plus the payment window, campus.billing.payment-window);"
                + " an invoice still open then is voided and its enrollment cancelled with reason payment_expired, releasing the seat") Instant dueAt,
        @Schema(required = true, description = "When the invoice was created (ISO-8601, UTC)") Instant createdAt,
        @Schema(required = true, description = "When the invoice was last changed (ISO-8601, UTC)") Instant updatedAt) {

    static InvoiceResponse of(Invoice invoice) {
        return new InvoiceResponse(invoice.id, invoice.userId, invoice.enrollmentId, invoice.total, invoice.status,
                invoice.paidAt, invoice.voidedAt, invoice.refundedAt, invoice.dueAt, invoice.createdAt, invoice.updatedAt);
    }
}
