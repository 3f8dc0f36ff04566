package dev.campus.enrollment;

import dev.campus.shared.ApiEnum;

/**
 * Why an enrollment was cancelled: cancelled_by_user (POST /enrollments/{id}/cancel, by its student or an admin
 * or service for them), invoice_voided (an admin or service voided its open invoice), invoice_refunded, or
 * payment_expired (its invoice was not paid within the payment window). The contract lists the values on
 * EnrollmentResponse.cancellationReason, inline, because a nullable reference to an enum component cannot be null.
 */
public enum CancellationReason implements ApiEnum {
    CANCELLED_BY_USER, INVOICE_VOIDED, INVOICE_REFUNDED, PAYMENT_EXPIRED
}
