package dev.campus.enrollment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an enrollment has completed of its course's published lessons. */
@Schema(name = "Progress")
public record ProgressResponse(
        @Schema(required = true) UUID enrollmentId,
        @Schema(required = true) EnrollmentStatus status,
        @Schema(required = true) List<CompletedLesson> completedLessons,
        @Schema(required = true, description = "Completed lessons that are published") long completedCount,
        @Schema(required = true, description = "Published lessons of the course") long publishedCount,
        @Schema(required = true, minimum = "0", maximum = "100", description = "completedCount / publishedCount, rounded down") int percentComplete) {

    @Schema(name = "CompletedLesson")
    public record CompletedLesson(@Schema(required = true) UUID lessonId, @Schema(required = true) Instant completedAt) {
    }
}
