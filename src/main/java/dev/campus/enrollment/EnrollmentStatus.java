package dev.campus.enrollment;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.campus.shared.ApiEnum;

/** pending_payment -> active -> completed, or cancelled. */
@Schema(type = SchemaType.STRING)
public enum EnrollmentStatus implements ApiEnum {
    PENDING_PAYMENT, ACTIVE, COMPLETED, CANCELLED
}
