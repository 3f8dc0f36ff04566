package dev.campus.shared;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling: anonymous, or a verified token whose subject is a user id and whose groups hold the roles
 * student, instructor, admin, or service (another microservice acting as the platform).
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

    /** The caller's user id; null for anonymous callers and for services whose subject is not a user. */
    public UUID id() {
        if (isAnonymous()) {
            return null;
        }
        try {
            return Uuids.parse(identity.getPrincipal().getName());
        } catch (IllegalArgumentException e) {
            return null;
        }
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
            throw forbidden("Only admins and services may " + what);
        }
    }

    public static HttpProblem forbidden(String detail) {
        return Problems.of(Status.FORBIDDEN, detail);
    }

    /**
     * The answer to a caller who may not change a resource: 403 when they can see it anyway, otherwise the
     * same 404 as for a resource that does not exist, so ids cannot be probed.
     */
    public static HttpProblem refused(boolean visible, String resource, Object id, String detail) {
        return visible ? forbidden(detail) : Problems.notFound(resource, id);
    }
}
