package dev.campus.user;

import java.util.List;

import jakarta.inject.Singleton;

import io.quarkus.arc.Unremovable;

import dev.campus.shared.events.Change;
import dev.campus.shared.events.ResourceEvents;

/** user.created, user.updated, user.deleted; data: the User representation. */
@Singleton
@Unremovable
public class UserEvents implements ResourceEvents<User> {

    @Override
    public Class<User> entityType() {
        return User.class;
    }

    @Override
    public List<String> types() {
        return List.of("user.created", "user.updated", "user.deleted");
    }

    @Override
    public String subject(User user) {
        return "/api/v1/users/" + user.id;
    }

    @Override
    public Object data(User user) {
        return UserResponse.of(user);
    }

    @Override
    public List<String> typesOf(Change<User> change) {
        if (change.created()) {
            return List.of("user.created");
        }
        return List.of(change.deleted() ? "user.deleted" : "user.updated");
    }
}
