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
        @Schema(required = true) Instant updatedAt) {

    static EnrollmentResponse of(Enrollment enrollment) {
        return new EnrollmentResponse(enrollment.id, enrollment.userId, enrollment.courseId, enrollment.status,
                enrollment.invoiceId, enrollment.enrolledAt, enrollment.activatedAt, enrollment.completedAt,
                enrollment.cancelledAt, enrollment.updatedAt);
    }
}
