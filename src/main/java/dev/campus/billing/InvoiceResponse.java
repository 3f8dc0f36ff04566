package dev.campus.billing;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.campus.shared.Money;

/** An invoice as the API shows it. */
@Schema(name = "Invoice")
public record InvoiceResponse(
        @Schema(required = true) UUID id,
        @Schema(required = true) UUID userId,
        @Schema(required = true) UUID enrollmentId,
        @Schema(required = true) Money total,
        @Schema(required = true) InvoiceStatus status,
        @Schema(nullable = true) Instant paidAt,
        @Schema(nullable = true) Instant voidedAt,
        @Schema(nullable = true) Instant refundedAt,
        @Schema(required = true, description = "Payment is due by this time (creation plus the payment window, campus.billing.payment-window);"
                + " an invoice still open then is voided and its enrollment cancelled with reason payment_expired, releasing the seat") Instant dueAt,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true) Instant updatedAt) {

    static InvoiceResponse of(Invoice invoice) {
        return new InvoiceResponse(invoice.id, invoice.userId, invoice.enrollmentId, invoice.total, invoice.status,
                invoice.paidAt, invoice.voidedAt, invoice.refundedAt, invoice.dueAt, invoice.createdAt, invoice.updatedAt);
    }
}
