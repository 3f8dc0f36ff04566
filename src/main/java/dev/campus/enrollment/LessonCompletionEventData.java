package dev.campus.enrollment;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A lesson completion as lesson_completion events carry it. */
@Schema(name = "LessonCompletion")
public record LessonCompletionEventData(
        @Schema(required = true, description = "The enrollment that completed the lesson") UUID enrollmentId,
        @Schema(required = true, description = "The completed lesson") UUID lessonId,
        @Schema(required = true, description = "When the lesson was completed (ISO-8601, UTC)") Instant completedAt) {

    static LessonCompletionEventData of(LessonCompletion completion) {
        return new LessonCompletionEventData(completion.enrollmentId, completion.lessonId, completion.completedAt);
    }
}
