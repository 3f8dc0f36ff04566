package dev.campus.shared;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An amount of money in minor units (cents) of an ISO-4217 currency. */
@Embeddable
@Schema(name = "Money", description = "Amount in minor units of an ISO-4217 currency; zero means free")
public record Money(
        @Schema(required = true, description = "Amount in minor units of the currency (e.g. cents)", minimum = "0", example = "4900") @NotNull @PositiveOrZero @Column(name = "amount") Long amount,
        @Schema(required = true, description = "ISO-4217 currency code, three uppercase letters", pattern = "^[A-Z]{3}$", example = "EUR") @NotNull @CurrencyCode @Column(name = "currency") String currency) {
}
