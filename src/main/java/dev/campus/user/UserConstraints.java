package dev.campus.user;

import java.util.Map;

import jakarta.inject.Singleton;

import dev.campus.shared.ConstraintMessages;

/** What a refused write to users means to the client. */
@Singleton
class UserConstraints implements ConstraintMessages {

    @Override
    public Map<String, Answer> answers() {
        return Map.of("users_email_unique", Answer.conflict("A user with this email already exists (emails are compared ignoring letter case)"));
    }
}
