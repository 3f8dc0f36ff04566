package dev.campus.billing;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.campus.shared.ApiEnum;

/** open -> paid -> refunded, or open -> void. */
@Schema(type = SchemaType.STRING)
public enum InvoiceStatus implements ApiEnum {
    OPEN, PAID, VOID, REFUNDED
}
