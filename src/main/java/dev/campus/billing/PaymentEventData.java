package dev.campus.billing;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.campus.shared.Money;

/** A recorded payment as payment.recorded events carry it. */
@Schema(name = "Payment")
public record PaymentEventData(
        @Schema(required = true, description = "Id of the payment (time-ordered UUID v7)") UUID id,
        @Schema(required = true, description = "The invoice the payment settled") UUID invoiceId,
        @Schema(required = true, description = "The payment integration's reference of the payment; unique") String paymentReference,
        @Schema(required = true, description = "The amount paid, in minor units: the invoice total") Money amount,
        @Schema(required = true, description = "When the payment was recorded (ISO-8601, UTC)") Instant paidAt) {

    static PaymentEventData of(Payment payment) {
        return new PaymentEventData(payment.id, payment.invoiceId, payment.paymentReference, payment.amount, payment.paidAt);
    }
}
