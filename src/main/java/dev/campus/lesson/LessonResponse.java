package dev.campus.lesson;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A lesson as the API shows it. */
@Schema(name = "Lesson")
public record LessonResponse(
        @Schema(required = true) UUID id,
        @Schema(required = true) UUID courseId,
        @Schema(required = true, example = "Your first SELECT") String title,
        @Schema(required = true, description = "Markdown") String body,
        @Schema(required = true, example = "15") int durationMinutes,
        @Schema(required = true, example = "1") int position,
        @Schema(required = true) boolean published,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true) Instant updatedAt) {

    static LessonResponse of(Lesson lesson) {
        return new LessonResponse(lesson.id, lesson.courseId, lesson.title, lesson.body, lesson.durationMinutes,
                lesson.position, lesson.published, lesson.createdAt, lesson.updatedAt);
    }
}
