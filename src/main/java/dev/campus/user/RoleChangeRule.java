package dev.campus.user;

import java.util.UUID;

/**
 * A rule another feature sets on a change of a user's role. Declared here and implemented by the features that
 * build on users (course), so that dependencies run one way: course depends on user, never back. The user
 * feature calls every implementation, with the user row locked, before it stores a new role.
 */
public interface RoleChangeRule {

    /**
     * Checks a change of role; returns normally to allow it.
     *
     * @throws io.quarkiverse.resteasy.problem.HttpProblem a 409 problem (RFC 9457) that says why the change is refused
     */
    void check(UUID userId, Role from, Role to);
}
