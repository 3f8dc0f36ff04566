package dev.campus.shared;

import java.util.Map;

/**
 * A feature's explanation of its database constraints. When PostgreSQL refuses a write, the constraint's name
 * picks the answer: a conflict with existing data is a 409, a reference to something unusable a 422.
 */
public interface ConstraintMessages {

    /** Constraint name -> answer for a client whose write broke it. */
    Map<String, Answer> answers();

    record Answer(int status, String detail) {
        public static Answer conflict(String detail) {
            return new Answer(409, detail);
        }

        public static Answer unprocessable(String detail) {
            return new Answer(422, detail);
        }
    }
}
