package dev.campus.course;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A course as clients write it (create and full replace); its status changes only through actions. */
@Schema(name = "CourseRequest")
public record CourseRequest(
        @Schema(required = true, description = "URL-friendly name: lowercase letters and digits separated by single hyphens", maxLength = 100, pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", example = "intro-to-sql")
        @NotBlank @Size(max = 100) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be lowercase letters and digits separated by single hyphens") String slug,
        @Schema(required = true, description = "Title of the course; surrounding whitespace is stripped", maxLength = 200, example = "Introduction to SQL")
        @NotBlank @Size(max = 200) String title,
        @Schema(nullable = true, description = "What the course covers; null or omitted is stored as empty text", maxLength = 10000, example = "Queries, joins and indexes, from zero.")
        @Size(max = 10000) String description,
        @Schema(required = true, description = "A user with the instructor role", example = "0190b4a2-7d1e-7c3a-9f1b-2b6f0c1d2e3f")
        @NotNull UUID instructorId,
        @Schema(required = true, description = "Price of enrolling, in minor units; zero makes the course free (enrollments start active, with no invoice)")
        @NotNull @Valid Price price,
        @Schema(nullable = true, minimum = "1", description = "Maximum number of pending and active enrollments; null for unlimited", example = "30")
        @Positive Integer seatCapacity) {

    static CourseRequest of(Course course) {
        return new CourseRequest(course.slug, course.title, course.description, course.instructorId, Price.of(course.price), course.seatCapacity);
    }

    void applyTo(Course course) {
        course.slug = slug;
        course.title = title.strip();
        course.description = description == null ? "" : description;
        course.instructorId = instructorId;
        course.price = price.toMoney();
        course.seatCapacity = seatCapacity;
    }
}
