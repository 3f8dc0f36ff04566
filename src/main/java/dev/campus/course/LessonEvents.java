package dev.campus.course;

import java.util.List;

import jakarta.inject.Singleton;

import io.quarkus.arc.Unremovable;

import dev.campus.shared.events.Change;
import dev.campus.shared.events.ResourceEvents;

/**
 * lesson.created, lesson.updated, lesson.reordered (only its position changed: a reorder, or lessons shifted by
 * an insertion, a move or a deletion), lesson.deleted; data: the Lesson representation.
 */
@Singleton
@Unremovable
public class LessonEvents implements ResourceEvents<Lesson> {

    @Override
    public Class<Lesson> entityType() {
        return Lesson.class;
    }

    @Override
    public List<String> types() {
        return List.of("lesson.created", "lesson.updated", "lesson.reordered", "lesson.deleted");
    }

    @Override
    public String subject(Lesson lesson) {
        return "/api/v1/courses/" + lesson.courseId + "/lessons/" + lesson.id;
    }

    @Override
    public Object data(Lesson lesson) {
        return LessonResponse.of(lesson);
    }

    @Override
    public List<String> typesOf(Change<Lesson> change) {
        if (change.created()) {
            return List.of("lesson.created");
        }
        if (change.deleted()) {
            return List.of("lesson.deleted");
        }
        var changed = change.changedProperties();
        if (changed.isEmpty()) {
            return List.of();
        }
        return List.of(changed.equals(java.util.Set.of("position")) ? "lesson.reordered" : "lesson.updated");
    }
}
