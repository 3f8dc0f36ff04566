package dev.campus.course;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.campus.shared.ProblemType;
import dev.campus.shared.Problems;
import dev.campus.user.Role;
import dev.campus.user.RoleChangeRule;

/** The instructor of a course keeps the instructor role while the course exists (409 instructor-has-courses). */
@ApplicationScoped
public class InstructorKeepsRole implements RoleChangeRule {

    @Override
    public void check(UUID userId, Role from, Role to) {
        if (from == Role.INSTRUCTOR && to != Role.INSTRUCTOR && Course.existsForInstructor(userId)) {
            throw Problems.of(ProblemType.INSTRUCTOR_HAS_COURSES, "The user instructs courses and must keep the instructor role");
        }
    }
}
