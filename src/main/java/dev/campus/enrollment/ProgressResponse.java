package dev.campus.enrollment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an enrollment has completed of its course's published lessons. */
@Schema(name = "Progress")
public record ProgressResponse(
        @Schema(required = true, description = "The enrollment this progress is of") UUID enrollmentId,
        @Schema(required = true, description = "Current status of the enrollment") EnrollmentStatus status,
        @Schema(required = true, description = "Lessons the enrollment has completed, oldest completion first") List<CompletedLesson> completedLessons,
        @Schema(required = true, description = "Completed lessons that are published") long completedCount,
        @Schema(required = true, description = "Published lessons of the course") long publishedCount,
        @Schema(required = true, minimum = "0", maximum = "100", description = "completedCount / publishedCount, rounded down") int percentComplete) {

    @Schema(name = "CompletedLesson")
    public record CompletedLesson(@Schema(required = true, description = "The completed lesson") UUID lessonId, @Schema(required = true, description = "When the lesson was completed (ISO-8601, UTC)") Instant completedAt) {
    }
}
