package dev.campus.course;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.campus.shared.CurrencyCode;
import dev.campus.shared.Money;

/**
 * Money a client asks to charge (a course's price, a payment), bounded by {@link #MAX_AMOUNT} minor units. The
 * bound is far above any real course price (100 million in a currency with two decimals) and far below the
 * 64-bit limit: about 922 million invoices of the maximum still add up in a bigint, and totals are summed as
 * numeric anyway. The database checks the same bound (V13).
 */
@Schema(name = "Price", description = "Amount in minor units of an ISO-4217 currency, at most 10000000000 (100 million"
        + " EUR in cents); zero means free")
public record Price(
        @Schema(required = true, description = "Amount in minor units of the currency (e.g. cents), 0 to 10000000000", minimum = "0", maximum = Price.MAX_AMOUNT_TEXT, example = "4900")
        @NotNull @PositiveOrZero @Max(Price.MAX_AMOUNT) Long amount,
        @Schema(required = true, description = "ISO-4217 currency code, three uppercase letters", pattern = "^[A-Z]{3}$", example = "EUR")
        @NotNull @CurrencyCode String currency) {

    /** The largest amount, in minor units, that a price, an invoice or a payment may have. */
    public static final long MAX_AMOUNT = 10_000_000_000L;

    /** {@link #MAX_AMOUNT} as the OpenAPI annotation wants it. */
    static final String MAX_AMOUNT_TEXT = "10000000000";

    /** The request form of stored money (which may be a legacy amount above the maximum, then refused on write). */
    public static Price of(Money money) {
        return new Price(money.amount(), money.currency());
    }

    /** The same amount and currency, as stored. */
    public Money toMoney() {
        return new Money(amount, currency);
    }
}
