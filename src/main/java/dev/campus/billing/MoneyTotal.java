package dev.campus.billing;

import java.math.BigInteger;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A sum of amounts in minor units of one currency, exact however many amounts it adds (not bounded to 64 bits). */
@Schema(name = "MoneyTotal", description = "A sum of amounts in minor units of an ISO-4217 currency; exact, never wrapped around")
public record MoneyTotal(
        @Schema(required = true, description = "Exact sum in minor units of the currency (e.g. cents); may exceed 64 bits", type = SchemaType.INTEGER, minimum = "0", example = "9800") BigInteger amount,
        @Schema(required = true, description = "ISO-4217 currency code, three uppercase letters", pattern = "^[A-Z]{3}$", example = "EUR") String currency) {
}
