package dev.campus.user;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A user as the API shows it. */
@Schema(name = "User")
public record UserResponse(
        @Schema(required = true, description = "Id of the user (time-ordered UUID v7)", example = "0190b4a2-7d1e-7c3a-9f1b-2b6f0c1d2e3f") UUID id,
        @Schema(required = true, description = "Email address; unique among users ignoring letter case", format = "email", example = "ada.lovelace@example.com") String email,
        @Schema(required = true, description = "Name shown to other users", example = "Ada Lovelace") String displayName,
        @Schema(required = true, description = "What the user is on the platform: student, instructor or admin") Role role,
        @Schema(nullable = true, description = "Free-text biography; null if none") String bio,
        @Schema(nullable = true, description = "IANA time zone; null if not set", example = "Europe/London") String timeZone,
        @Schema(required = true, description = "When the user was created (ISO-8601, UTC)") Instant createdAt,
        @Schema(required = true, description = "When the user was last changed (ISO-8601, UTC)") Instant updatedAt) {

    static UserResponse of(User user) {
        return new UserResponse(user.id, user.email, user.displayName, user.role, user.bio, user.timeZone,
                user.createdAt, user.updatedAt);
    }
}
