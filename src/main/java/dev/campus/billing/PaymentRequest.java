package dev.campus.billing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.campus.course.Price;

/** A payment received by the payment provider for an invoice. */
@Schema(name = "PaymentRequest")
public record PaymentRequest(
        @Schema(required = true, maxLength = 200, description = "The payment provider's reference; unique", example = "psp_2025_000123")
        @NotBlank @Size(max = 200) String paymentReference,
        @Schema(required = true, description = "Must equal the invoice total")
        @NotNull @Valid Price amount) {
}
