package dev.campus.enrollment;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An enrollment as the API shows it. */
@Schema(name = "Enrollment")
public record EnrollmentResponse(
        @Schema(required = true) UUID id,
        @Schema(required = true) UUID userId,
        @Schema(required = true) UUID courseId,
        @Schema(required = true) EnrollmentStatus status,
        @Schema(nullable = true, description = "The invoice to pay, for a paid course") UUID invoiceId,
        @Schema(required = true) Instant enrolledAt,
        @Schema(nullable = true) Instant activatedAt,
        @Schema(nullable = true) Instant completedAt,
        @Schema(nullable = true) Instant cancelledAt,
        @Schema(nullable = true, implementation = String.class, enumeration = { "cancelled_by_user", "invoice_voided", "invoice_refunded", "payment_expired" },
                description = "Why it was cancelled: cancelled_by_user (POST /enrollments/{id}/cancel), invoice_voided, invoice_refunded, or payment_expired"
                        + " (its invoice was not paid by its dueAt). Null unless cancelled, and for some enrollments cancelled before reasons were recorded")
        CancellationReason cancellationReason,
        @Schema(required = true) Instant updatedAt) {

    static EnrollmentResponse of(Enrollment enrollment) {
        return new EnrollmentResponse(enrollment.id, enrollment.userId, enrollment.courseId, enrollment.status,
                enrollment.invoiceId, enrollment.enrolledAt, enrollment.activatedAt, enrollment.completedAt,
                enrollment.cancelledAt, enrollment.cancellationReason, enrollment.updatedAt);
    }
}
