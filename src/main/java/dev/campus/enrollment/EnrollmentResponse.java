package dev.campus.enrollment;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An enrollment as the API shows it. */
@Schema(name = "Enrollment")
public record EnrollmentResponse(
        @Schema(required = true, description = "Id of the enrollment (time-ordered UUID v7)") UUID id,
        @Schema(required = true, description = "The enrolled user") UUID userId,
        @Schema(required = true, description = "The course enrolled in") UUID courseId,
        @Schema(required = true, description = "pending_payment (paid course, invoice not yet paid), active, completed, or cancelled") EnrollmentStatus status,
        @Schema(nullable = true, description = "The invoice to pay, for a paid course") UUID invoiceId,
        @Schema(required = true, description = "When the enrollment was created (ISO-8601, UTC)") Instant enrolledAt,
        @Schema(nullable = true, description = "When the enrollment became active (ISO-8601, UTC): at enrollment for a free course, else when its invoice was paid; null before") Instant activatedAt,
        @Schema(nullable = true, description = "When the enrollment was completed (ISO-8601, UTC); null unless completed") Instant completedAt,
        @Schema(nullable = true, description = "When the enrollment was cancelled (ISO-8601, UTC); null unless cancelled") Instant cancelledAt,
        @Schema(nullable = true, description = "Why it was cancelled: cancelled_by_user (POST /enrollments/{id}/cancel), invoice_voided, invoice_refunded, or payment_expired"
                        + " (its invoice was not paid by its dueAt). Null unless cancelled, and for some enrollments cancelled before reasons were recorded")
        CancellationReason cancellationReason,
        @Schema(required = true, description = "When the enrollment was last changed (ISO-8601, UTC)") Instant updatedAt) {

    static EnrollmentResponse of(Enrollment enrollment) {
        return new EnrollmentResponse(enrollment.id, enrollment.userId, enrollment.courseId, enrollment.status,
                enrollment.invoiceId, enrollment.enrolledAt, enrollment.activatedAt, enrollment.completedAt,
                enrollment.cancelledAt, enrollment.cancellationReason, enrollment.updatedAt);
    }
}
