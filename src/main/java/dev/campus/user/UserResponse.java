package dev.campus.user;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A user as the API shows it. */
@Schema(name = "User")
public record UserResponse(
        @Schema(required = true, example = "0190b4a2-7d1e-7c3a-9f1b-2b6f0c1d2e3f") UUID id,
        @Schema(required = true, format = "email", example = "ada.lovelace@example.com") String email,
        @Schema(required = true, example = "Ada Lovelace") String displayName,
        @Schema(required = true) Role role,
        @Schema(nullable = true) String bio,
        @Schema(nullable = true, example = "Europe/London") String timeZone,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true) Instant updatedAt) {

    static UserResponse of(User user) {
        return new UserResponse(user.id, user.email, user.displayName, user.role, user.bio, user.timeZone,
                user.createdAt, user.updatedAt);
    }
}
