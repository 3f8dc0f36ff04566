package dev.campus.enrollment;

import java.util.Map;

import jakarta.inject.Singleton;

import dev.campus.shared.ConstraintMessages;

/** What a refused write to enrollments means to the client. */
@Singleton
class EnrollmentConstraints implements ConstraintMessages {

    @Override
    public Map<String, Answer> answers() {
        return Map.of(
                "enrollments_live_unique", Answer.conflict("The user already has a live enrollment in this course"),
                "enrollments_transition_check", Answer.conflict("The enrollment cannot make that status change"),
                // Enrolling share-locks the user and locks the course, so these fire only on deletes.
                "enrollments_user_fk", Answer.conflict("The user has enrollments and cannot be deleted"),
                "enrollments_course_fk", Answer.conflict("The course has enrollments and cannot be deleted"));
    }
}
