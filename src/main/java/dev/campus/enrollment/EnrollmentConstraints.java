package dev.campus.enrollment;

import java.util.Map;

import jakarta.inject.Singleton;

import dev.campus.shared.ConstraintMessages;
import dev.campus.shared.ProblemType;

/** What a refused write to enrollments means to the client. */
@Singleton
class EnrollmentConstraints implements ConstraintMessages {

    @Override
    public Map<String, Answer> answers() {
        return Map.of(
                "enrollments_live_unique", Answer.of(ProblemType.ALREADY_ENROLLED, "The user already has a live enrollment in this course"),
                "enrollments_transition_check", Answer.of(ProblemType.TRANSITION_REFUSED, "The enrollment cannot make that status change"),
                // Enrolling share-locks the user and locks the course, so these fire only on deletes.
                "enrollments_user_fk", Answer.of(ProblemType.RESOURCE_IN_USE, "The user has enrollments and cannot be deleted"),
                "enrollments_course_fk", Answer.of(ProblemType.RESOURCE_IN_USE, "The course has enrollments and cannot be deleted"));
    }
}
