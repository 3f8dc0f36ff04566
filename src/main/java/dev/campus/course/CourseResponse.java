package dev.campus.course;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.campus.shared.Money;

/** A course as the API shows it. */
@Schema(name = "Course")
public record CourseResponse(
        @Schema(required = true) UUID id,
        @Schema(required = true, example = "intro-to-sql") String slug,
        @Schema(required = true, example = "Introduction to SQL") String title,
        @Schema(required = true) String description,
        @Schema(required = true) UUID instructorId,
        @Schema(required = true) CourseStatus status,
        @Schema(required = true) Money price,
        @Schema(nullable = true) Integer seatCapacity,
        @Schema(nullable = true) Instant publishedAt,
        @Schema(nullable = true) Instant archivedAt,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true) Instant updatedAt) {

    static CourseResponse of(Course course) {
        return new CourseResponse(course.id, course.slug, course.title, course.description, course.instructorId,
                course.status, course.price, course.seatCapacity, course.publishedAt, course.archivedAt,
                course.createdAt, course.updatedAt);
    }
}
