package dev.campus.course;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.quarkus.arc.Unremovable;

import dev.campus.shared.events.Change;
import dev.campus.shared.events.ResourceEvents;

/**
 * course.created, course.updated (fields edited), course.published and course.archived (status changes, with
 * course.updated before them when fields changed too), course.deleted; data: the Course representation.
 */
@Singleton
@Unremovable
public class CourseEvents implements ResourceEvents<Course> {

    private static final java.util.Set<String> STATUS_PROPERTIES = java.util.Set.of("status", "publishedAt", "archivedAt");

    @Override
    public Class<Course> entityType() {
        return Course.class;
    }

    @Override
    public List<String> types() {
        return List.of("course.created", "course.updated", "course.published", "course.archived", "course.deleted");
    }

    @Override
    public String subject(Course course) {
        return "/api/v1/courses/" + course.id;
    }

    @Override
    public Object data(Course course) {
        return CourseResponse.of(course);
    }

    @Override
    public List<String> typesOf(Change<Course> change) {
        if (change.created()) {
            return List.of("course.created");
        }
        if (change.deleted()) {
            return List.of("course.deleted");
        }
        List<String> types = new ArrayList<>();
        // publishing and archiving also set their times: part of the status change, not an edit
        if (change.changedProperties().stream().anyMatch(property -> !STATUS_PROPERTIES.contains(property))) {
            types.add("course.updated");
        }
        if (change.changed("status")) {
            types.add(change.entity().status == CourseStatus.PUBLISHED ? "course.published"
                    : change.entity().status == CourseStatus.ARCHIVED ? "course.archived" : "course.updated");
        }
        return types.stream().distinct().toList();
    }
}
