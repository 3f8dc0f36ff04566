package dev.campus.enrollment;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.campus.shared.ApiEnum;

/**
 * Why an enrollment was cancelled: cancelled_by_user (POST /enrollments/{id}/cancel, by its student or an admin
 * or service for them), invoice_voided (an admin or service voided its open invoice), invoice_refunded, or
 * payment_expired (its invoice was not paid within the payment window). A component of the contract like the
 * other enums (ApiEnumSchemas writes its values); Enrollment.cancellationReason refers to it, nullable.
 */
@Schema(type = SchemaType.STRING)
public enum CancellationReason implements ApiEnum {
    CANCELLED_BY_USER, INVOICE_VOIDED, INVOICE_REFUNDED, PAYMENT_EXPIRED
}
