package dev.campus.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A user as clients write it (create and full replace). */
@Schema(name = "UserRequest", description = "A user as clients write it")
public record UserRequest(
        @Schema(required = true, description = "Email address; unique among users ignoring letter case; no whitespace", format = "email", maxLength = 254, example = "ada.lovelace@example.com")
        @NotBlank @Email @Size(max = 254) @Pattern(regexp = "\\S+", message = "must not contain whitespace") @VisibleCharacters String email,
        @Schema(required = true, description = "Name shown to other users; surrounding whitespace is stripped", maxLength = 100, example = "Ada Lovelace")
        @NotBlank @Size(max = 100) String displayName,
        @Schema(required = true, description = "What the user is on the platform: student, instructor or admin", example = "student")
        @NotNull Role role,
        @Schema(nullable = true, description = "Free-text biography", maxLength = 2000, example = "Mathematician; writes the first programs.")
        @Size(max = 2000) String bio,
        @Schema(nullable = true, description = "IANA time zone", example = "Europe/London")
        @ValidTimeZone String timeZone) {

    static UserRequest of(User user) {
        return new UserRequest(user.email, user.displayName, user.role, user.bio, user.timeZone);
    }

    void applyTo(User user) {
        user.email = email;
        user.displayName = displayName.strip();
        user.role = role;
        user.bio = bio;
        user.timeZone = timeZone;
    }
}
