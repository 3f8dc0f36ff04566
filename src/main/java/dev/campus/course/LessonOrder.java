package dev.campus.course;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The complete order of a course's lessons: every lesson id exactly once, first lesson first. */
@Schema(name = "LessonOrder")
public record LessonOrder(
        @Schema(required = true, description = "Every lesson id of the course exactly once, in the new order",
                example = "[\"0190b4a2-7d1e-7c3a-9f1b-2b6f0c1d2e3f\", \"0190b4a2-7d1e-7c3a-9f1b-2b6f0c1d2e40\"]")
        @NotNull List<@NotNull UUID> lessonIds) {
}
