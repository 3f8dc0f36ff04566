package dev.campus.course;

import java.util.Map;

import jakarta.inject.Singleton;

import dev.campus.shared.ConstraintMessages;
import dev.campus.shared.ProblemType;

/** What a refused write to courses means to the client. */
@Singleton
class CourseConstraints implements ConstraintMessages {

    @Override
    public Map<String, Answer> answers() {
        return Map.of(
                "courses_slug_unique", Answer.of(ProblemType.SLUG_TAKEN, "A course with this slug already exists"),
                // Requests are validated against the same bound, so only a legacy course (priced before it) meets this.
                "courses_price_amount_max", Answer.of(ProblemType.PRICE_ABOVE_MAXIMUM, "The course's price is above the maximum of " + Price.MAX_AMOUNT
                        + " minor units; replace the course with a price within it first"),
                // Course writes lock their instructor's row, so this fires only when a user is deleted.
                "courses_instructor_fk", Answer.of(ProblemType.RESOURCE_IN_USE, "The user instructs courses; reassign or delete them first"));
    }
}
