package dev.campus.shared;

import java.util.Currency;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** An amount of money in minor units (cents) of an ISO-4217 currency. */
@Embeddable
@Schema(name = "Money", description = "Amount in minor units of an ISO-4217 currency; zero means free")
public record Money(
        @Schema(required = true, minimum = "0", example = "4900") @NotNull @PositiveOrZero @Column(name = "amount") Long amount,
        @Schema(required = true, pattern = "^[A-Z]{3}$", example = "EUR") @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO-4217 code such as EUR") @Column(name = "currency") String currency) {

    @JsonIgnore
    public boolean isFree() {
        return amount == 0;
    }

    @JsonIgnore
    @AssertTrue(message = "currency must be an ISO-4217 currency code")
    boolean isKnownCurrency() {
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            return true; // reported by @Pattern
        }
        try {
            Currency.getInstance(currency);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
