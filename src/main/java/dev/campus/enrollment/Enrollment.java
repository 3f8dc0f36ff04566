package dev.campus.enrollment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import org.hibernate.annotations.Formula;

import dev.campus.course.Course;
import dev.campus.shared.ApiEnumConverter;
import dev.campus.shared.Caller;
import dev.campus.shared.ProblemType;
import dev.campus.shared.Problems;
import dev.campus.shared.VersionedEntity;
import dev.campus.shared.paging.Keyset;
import dev.campus.shared.paging.Page;
import dev.campus.shared.paging.PageRequest;
import dev.campus.shared.paging.SortField;
import dev.campus.shared.paging.Sorting;
import dev.campus.shared.paging.WhereClause;

/** One user in one course, with the time of every step of its lifecycle. */
@Entity
@Table(name = "enrollments")
public class Enrollment extends VersionedEntity {

    public static final Sorting<Enrollment> SORTING = new Sorting<>("enrollments", "enrolledAt",
            SortField.instant("enrolledAt", enrollment -> enrollment.enrolledAt));

    /** Live enrollments hold a seat, and a user has at most one per course (enrollments_live_unique). */
    static final List<EnrollmentStatus> LIVE = List.of(EnrollmentStatus.PENDING_PAYMENT, EnrollmentStatus.ACTIVE);

    @Column(name = "user_id", nullable = false, updatable = false)
    public UUID userId;

    @Column(name = "course_id", nullable = false, updatable = false)
    public UUID courseId;

    @Convert(converter = StatusConverter.class)
    @Column(nullable = false)
    public EnrollmentStatus status;

    @Column(name = "enrolled_at", nullable = false, updatable = false)
    public Instant enrolledAt;

    @Column(name = "activated_at")
    public Instant activatedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    /** Set with cancelledAt; null before (and for enrollments cancelled before reasons were recorded, see V12). */
    @Convert(converter = CancellationReasonConverter.class)
    @Column(name = "cancellation_reason")
    public CancellationReason cancellationReason;

    /** Read in the same SELECT (the invoice's enrollment_id is unique), so lists stay one statement. */
    @Formula("(select i.id from invoices i where i.enrollment_id = id)")
    public UUID invoiceId;

    /**
     * The enrollment if the caller may see it (its student, the course's instructor, admins and services): 401
     * for anonymous callers, otherwise 404 as if it did not exist.
     */
    public static Enrollment requireVisible(UUID id, Caller caller) {
        caller.requireAuthenticated();
        Enrollment enrollment = require(id);
        if (!enrollment.isVisibleTo(caller)) {
            throw Problems.notFound("Enrollment", id);
        }
        return enrollment;
    }

    /**
     * The enrollment, locked, if the caller may change it (its student, admins and services): 401 for anonymous
     * callers, 403 for one who can see it (the course's instructor), otherwise 404.
     */
    public static Enrollment requireChangeable(UUID id, Caller caller) {
        caller.requireAuthenticated();
        Enrollment enrollment = requireForUpdate(id);
        if (!caller.mayActFor(enrollment.userId)) {
            throw Problems.refused(enrollment.isVisibleTo(caller), "Enrollment", id, "Only the enrolled student, admins and services may change an enrollment");
        }
        return enrollment;
    }

    /** Users enroll themselves; admins and services enroll anyone: 401 for anonymous callers, otherwise 403. */
    public static void requireMayEnroll(UUID userId, Caller caller) {
        caller.requireAuthenticated();
        if (!caller.mayActFor(userId)) {
            throw Problems.forbidden("You can enroll only yourself");
        }
    }

    public static Enrollment require(UUID id) {
        return Enrollment.<Enrollment>findByIdOptional(id).orElseThrow(() -> Problems.notFound("Enrollment", id));
    }

    /** Locked until the transaction ends: every change to an enrollment and its invoice locks it first. */
    public static Enrollment requireForUpdate(UUID id) {
        return Enrollment.<Enrollment>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> Problems.notFound("Enrollment", id));
    }

    static boolean existsLive(UUID userId, UUID courseId) {
        return count("userId = ?1 and courseId = ?2 and status in ?3", userId, courseId, LIVE) > 0;
    }

    /** Pending and active enrollments hold seats. */
    static long countSeatsTaken(UUID courseId) {
        return count("courseId = ?1 and status in ?2", courseId, LIVE);
    }

    /**
     * A page of the enrollments the caller may see ({@link #isVisibleTo}) that match the given filters (null:
     * any). 401 for anonymous callers.
     */
    public static Page<Enrollment> search(Caller caller, UUID userId, UUID courseId, EnrollmentStatus status, PageRequest<Enrollment> page) {
        caller.requireAuthenticated();
        WhereClause filter = visibleTo(caller, new WhereClause())
                .and("userId = :userId", "userId", userId)
                .and("courseId = :courseId", "courseId", courseId)
                .and("status = :status", "status", status);
        return Keyset.page((query, parameters) -> find(query, parameters), filter, page, enrollment -> enrollment.id);
    }

    /** The list condition matching {@link #isVisibleTo}: the caller's own enrollments and those in courses they teach. */
    private static WhereClause visibleTo(Caller caller, WhereClause filter) {
        if (caller.isPrivileged()) {
            return filter;
        }
        return filter.and("(userId = :caller or courseId in (select c.id from Course c where c.instructorId = :caller))", "caller", caller.id());
    }

    /** The version of the enrollment if the caller may see it ({@link #isVisibleTo}), else null. */
    public static Long visibleVersion(UUID id, Caller caller) {
        return caller.isAnonymous() ? null : visibleTo(caller, new WhereClause()).versionWhere(Enrollment.class, "id", id);
    }

    public boolean isVisibleTo(Caller caller) {
        return caller.mayActFor(userId) || caller.isInstructor() && Course.require(courseId).isManagedBy(caller);
    }

    public void activate() {
        requireStatus(EnrollmentStatus.PENDING_PAYMENT, "activated", ProblemType.TRANSITION_REFUSED);
        status = EnrollmentStatus.ACTIVE;
        activatedAt = now();
    }

    void complete() {
        requireStatus(EnrollmentStatus.ACTIVE, "completed", ProblemType.ENROLLMENT_NOT_ACTIVE);
        status = EnrollmentStatus.COMPLETED;
        completedAt = now();
    }

    /** Cancels for this reason, releasing its seat; 409 if it already is cancelled. */
    public void cancel(CancellationReason reason) {
        if (status == EnrollmentStatus.CANCELLED) {
            throw Problems.of(ProblemType.ENROLLMENT_NOT_CANCELLABLE, "The enrollment is already cancelled");
        }
        status = EnrollmentStatus.CANCELLED;
        cancelledAt = now();
        cancellationReason = reason;
    }

    public boolean isActive() {
        return status == EnrollmentStatus.ACTIVE;
    }

    private void requireStatus(EnrollmentStatus expected, String action, ProblemType otherwise) {
        if (status != expected) {
            throw Problems.of(otherwise, "Only a " + expected.apiValue() + " enrollment can be " + action + "; this one is " + status.apiValue());
        }
    }

    static final class StatusConverter extends ApiEnumConverter<EnrollmentStatus> {
        StatusConverter() {
            super(EnrollmentStatus.class);
        }
    }

    static final class CancellationReasonConverter extends ApiEnumConverter<CancellationReason> {
        CancellationReasonConverter() {
            super(CancellationReason.class);
        }
    }
}
