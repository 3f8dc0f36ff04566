package dev.campus.user;

import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import dev.campus.shared.ApiEnumConverter;
import dev.campus.shared.Caller;
import dev.campus.shared.Problems;
import dev.campus.shared.VersionedEntity;
import dev.campus.shared.paging.Keyset;
import dev.campus.shared.paging.Page;
import dev.campus.shared.paging.PageRequest;
import dev.campus.shared.paging.SortField;
import dev.campus.shared.paging.Sorting;
import dev.campus.shared.paging.WhereClause;

/** A user profile: student, instructor or admin. */
@Entity
@Table(name = "users")
public class User extends VersionedEntity {

    public static final Sorting<User> SORTING = new Sorting<>("users", "createdAt",
            SortField.instant("createdAt", user -> user.createdAt),
            new SortField<>("name", "displayName", user -> user.displayName, value -> value));

    @Column(nullable = false)
    public String email;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Convert(converter = RoleConverter.class)
    @Column(nullable = false)
    public Role role;

    public String bio;

    @Column(name = "time_zone")
    public String timeZone;

    /** The user if the caller may see it (themselves; anyone for admins and services): 401 anonymous, otherwise 404. */
    public static User requireVisible(UUID id, Caller caller) {
        caller.requireActingFor(id, "User", id);
        return require(id);
    }

    /**
     * The user, locked until the transaction ends (role changes race with course assignments), if the caller may
     * change it (themselves; anyone for admins and services): 401 anonymous, otherwise 404. Which fields they may
     * change (not their own role) is the update's rule.
     */
    public static User requireChangeable(UUID id, Caller caller) {
        caller.requireActingFor(id, "User", id);
        return requireForUpdate(id);
    }

    /** The version of the user if the caller may see them (themselves; anyone for admins and services), else null. */
    public static Long visibleVersion(UUID id, Caller caller) {
        return caller.mayActFor(id) ? new WhereClause().versionWhere(User.class, "id", id) : null;
    }

    /** The user with this id; raises a 404 not-found problem when there is none. */
    public static User require(UUID id) {
        return User.<User>findByIdOptional(id).orElseThrow(() -> Problems.notFound("User", id));
    }

    /** The user with this id, locked until the transaction ends (role changes race with course assignments). */
    public static User requireForUpdate(UUID id) {
        return User.<User>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).orElseThrow(() -> Problems.notFound("User", id));
    }

    public static Optional<User> findByEmail(String email) {
        return find("lower(email) = lower(?1)", email).firstResultOptional();
    }

    /**
     * A page of the users the caller may see (themselves; everyone for admins and services) that match the given
     * filters (null: any). 401 for anonymous callers.
     */
    public static Page<User> search(Caller caller, Role role, String email, String text, PageRequest<User> page) {
        caller.requireAuthenticated();
        WhereClause filter = new WhereClause()
                .and("id = :onlyUser", "onlyUser", caller.isPrivileged() ? null : caller.id())
                .and("role = :role", "role", role)
                .and("lower(email) = lower(:email)", "email", email)
                .matching(text, "displayName", "email");
        return Keyset.page((query, parameters) -> find(query, parameters), filter, page, user -> user.id);
    }

    public boolean isInstructor() {
        return role == Role.INSTRUCTOR;
    }

    static final class RoleConverter extends ApiEnumConverter<Role> {
        RoleConverter() {
            super(Role.class);
        }
    }
}
