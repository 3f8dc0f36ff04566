package dev.campus.shared;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling: anonymous, or a verified token whose subject ({@code sub}, and only that claim) is a user id
 * and whose groups hold the roles student, instructor, admin, or service (another microservice acting as the
 * platform, whose subject may be any string). Every "who is calling" decision — ownership, visibility,
 * idempotency scope — reads it from here. The bearer-token rules (system) have already refused user-role tokens
 * whose subject is not a UUID.
 */
@RequestScoped
public class Caller {

    public static final String STUDENT = "student";
    public static final String INSTRUCTOR = "instructor";
    public static final String ADMIN = "admin";
    public static final String SERVICE = "service";

    @Inject
    SecurityIdentity identity;

    public boolean isAnonymous() {
        return identity.isAnonymous();
    }

    /** Admins and services may do everything. */
    public boolean isPrivileged() {
        return !isAnonymous() && (identity.hasRole(ADMIN) || identity.hasRole(SERVICE));
    }

    public boolean isInstructor() {
        return !isAnonymous() && identity.hasRole(INSTRUCTOR);
    }

    /** The caller's user id (the token's {@code sub}); null for anonymous callers and for services whose subject is not a user. */
    public UUID id() {
        String subject = subject();
        if (subject == null) {
            return null;
        }
        try {
            return Uuids.parse(subject);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The token's {@code sub} claim as sent, or null for anonymous callers. Never the principal name, which
     * smallrye-jwt takes from {@code upn} or {@code preferred_username} first.
     */
    public String subject() {
        if (isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return null;
        }
        return token.getSubject();
    }

    public boolean is(UUID userId) {
        return userId != null && userId.equals(id());
    }

    /** The caller is this user, or an admin or service acting for anyone. */
    public boolean mayActFor(UUID userId) {
        return isPrivileged() || is(userId);
    }

    /** 401 for anonymous callers; 404, as if it did not exist, for a resource of another user. */
    public void requireActingFor(UUID owner, String resource, Object id) {
        requireAuthenticated();
        if (!mayActFor(owner)) {
            throw Problems.notFound(resource, id);
        }
    }

    /** 401 for anonymous callers, and for tokens that are neither privileged nor about a user. */
    public void requireAuthenticated() {
        if (isAnonymous() || !isPrivileged() && id() == null) {
            throw new UnauthorizedException();
        }
    }

    /** 401 for anonymous callers, 403 for everyone but admins and services. */
    public void requirePrivileged(String what) {
        requireAuthenticated();
        if (!isPrivileged()) {
            throw Problems.forbidden("Only admins and services may " + what);
        }
    }
}
