package dev.campus.course;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A lesson as clients write it (create and full replace). */
@Schema(name = "LessonRequest")
public record LessonRequest(
        @Schema(required = true, description = "Title of the lesson; surrounding whitespace is stripped", maxLength = 200, example = "Your first SELECT")
        @NotBlank @Size(max = 200) String title,
        @Schema(nullable = true, description = "Markdown", maxLength = 50000, example = "# SELECT\nEvery query starts with...")
        @Size(max = 50000) String body,
        @Schema(required = true, description = "Length of the lesson in minutes, 1 to 1440", minimum = "1", maximum = "1440", example = "15")
        @NotNull @Min(1) @Max(1440) Integer durationMinutes,
        @Schema(nullable = true, minimum = "1", description = "1-based place in the course; on create, omitted means after the last lesson; on replace, omitted keeps the current place", example = "1")
        @Positive Integer position,
        @Schema(nullable = true, description = "Visible to students; omitted means false", example = "true")
        Boolean published) {

    static LessonRequest of(Lesson lesson) {
        return new LessonRequest(lesson.title, lesson.body, lesson.durationMinutes, lesson.position, lesson.published);
    }

    /** Every field but the position, which moves other lessons too. */
    void applyTo(Lesson lesson) {
        lesson.title = title.strip();
        lesson.body = body == null ? "" : body;
        lesson.durationMinutes = durationMinutes;
        lesson.published = Boolean.TRUE.equals(published);
    }
}
