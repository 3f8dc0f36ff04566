package dev.campus.course;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A lesson as the API shows it. */
@Schema(name = "Lesson")
public record LessonResponse(
        @Schema(required = true, description = "Id of the lesson (time-ordered UUID v7)") UUID id,
        @Schema(required = true, description = "The course the lesson belongs to") UUID courseId,
        @Schema(required = true, description = "Title of the lesson", example = "Your first SELECT") String title,
        @Schema(required = true, description = "Markdown") String body,
        @Schema(required = true, description = "Length of the lesson in minutes", example = "15") int durationMinutes,
        @Schema(required = true, description = "1-based place of the lesson in its course", example = "1") int position,
        @Schema(required = true, description = "Whether the lesson is visible to students") boolean published,
        @Schema(required = true, description = "When the lesson was created (ISO-8601, UTC)") Instant createdAt,
        @Schema(required = true, description = "When the lesson was last changed (ISO-8601, UTC)") Instant updatedAt) {

    static LessonResponse of(Lesson lesson) {
        return new LessonResponse(lesson.id, lesson.courseId, lesson.title, lesson.body, lesson.durationMinutes,
                lesson.position, lesson.published, lesson.createdAt, lesson.updatedAt);
    }
}
