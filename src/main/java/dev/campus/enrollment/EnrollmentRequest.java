package dev.campus.enrollment;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Enroll a user in a course. */
@Schema(name = "EnrollmentRequest")
public record EnrollmentRequest(
        @Schema(required = true, description = "The user to enroll", example = "0190b4a2-7d1e-7c3a-9f1b-2b6f0c1d2e3f") @NotNull UUID userId,
        @Schema(required = true, description = "The published course to enroll in", example = "0190b4a2-8e2f-7d4b-a02c-3c7f1d2e3f40") @NotNull UUID courseId) {
}
