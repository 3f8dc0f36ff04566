package dev.campus.shared;

import java.util.Map;

/**
 * A feature's explanation of its database constraints. When PostgreSQL refuses a write, the constraint's name
 * picks the answer: a problem type of the catalogue (a conflict with existing data is a 409, a reference to
 * something unusable a 422) and its detail.
 */
public interface ConstraintMessages {

    /** Constraint name -> answer for a client whose write broke it. */
    Map<String, Answer> answers();

    record Answer(ProblemType type, String detail) {
        public static Answer of(ProblemType type, String detail) {
            return new Answer(type, detail);
        }
    }
}
