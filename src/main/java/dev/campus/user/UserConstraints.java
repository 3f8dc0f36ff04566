package dev.campus.user;

import java.util.Map;

import jakarta.inject.Singleton;

import dev.campus.shared.ConstraintMessages;
import dev.campus.shared.ProblemType;

/** What a refused write to users means to the client. */
@Singleton
class UserConstraints implements ConstraintMessages {

    @Override
    public Map<String, Answer> answers() {
        return Map.of("users_email_unique", Answer.of(ProblemType.EMAIL_TAKEN, "A user with this email already exists (emails are compared ignoring letter case)"));
    }
}
