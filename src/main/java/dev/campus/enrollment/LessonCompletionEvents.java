package dev.campus.enrollment;

import java.util.List;

import jakarta.inject.Singleton;

import io.quarkus.arc.Unremovable;

import dev.campus.shared.events.Change;
import dev.campus.shared.events.ResourceEvents;

/**
 * lesson_completion.recorded and lesson_completion.removed; data: the completion (enrollment, lesson, time). The
 * enrollment's progress is one GET away; computing it here would query inside the committing transaction.
 */
@Singleton
@Unremovable
public class LessonCompletionEvents implements ResourceEvents<LessonCompletion> {

    @Override
    public Class<LessonCompletion> entityType() {
        return LessonCompletion.class;
    }

    @Override
    public List<String> types() {
        return List.of("lesson_completion.recorded", "lesson_completion.removed");
    }

    @Override
    public String subject(LessonCompletion completion) {
        return "/api/v1/enrollments/" + completion.enrollmentId + "/lessons/" + completion.lessonId + "/completion";
    }

    @Override
    public Object data(LessonCompletion completion) {
        return LessonCompletionEventData.of(completion);
    }

    @Override
    public List<String> typesOf(Change<LessonCompletion> change) {
        if (change.created()) {
            return List.of("lesson_completion.recorded");
        }
        return change.deleted() ? List.of("lesson_completion.removed") : List.of();
    }
}
