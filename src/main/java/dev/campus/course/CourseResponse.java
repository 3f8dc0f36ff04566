package dev.campus.course;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.campus.shared.Money;

/** A course as the API shows it. */
@Schema(name = "Course")
public record CourseResponse(
        @Schema(required = true, description = "Id of the course (time-ordered UUID v7)") UUID id,
        @Schema(required = true, description = "URL-friendly name: lowercase letters and digits separated by single hyphens", example = "intro-to-sql") String slug,
        @Schema(required = true, description = "Title of the course", example = "Introduction to SQL") String title,
        @Schema(required = true, description = "What the course covers; empty if none was given") String description,
        @Schema(required = true, description = "The user (with the instructor role) who teaches and manages the course") UUID instructorId,
        @Schema(required = true, description = "Lifecycle state: draft, then published, then archived; changed only through the publish and archive actions") CourseStatus status,
        @Schema(required = true, description = "Price of enrolling, in minor units; zero means free") Money price,
        @Schema(nullable = true, description = "Maximum number of pending and active enrollments; null for unlimited") Integer seatCapacity,
        @Schema(nullable = true, description = "When the course was published (ISO-8601, UTC); null while a draft") Instant publishedAt,
        @Schema(nullable = true, description = "When the course was archived (ISO-8601, UTC); null unless archived") Instant archivedAt,
        @Schema(required = true, description = "When the course was created (ISO-8601, UTC)") Instant createdAt,
        @Schema(required = true, description = "When the course was last changed (ISO-8601, UTC)") Instant updatedAt) {

    static CourseResponse of(Course course) {
        return new CourseResponse(course.id, course.slug, course.title, course.description, course.instructorId,
                course.status, course.price, course.seatCapacity, course.publishedAt, course.archivedAt,
                course.createdAt, course.updatedAt);
    }
}
