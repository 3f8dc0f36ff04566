package dev.campus.course;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import dev.campus.shared.ApiEnumConverter;
import dev.campus.shared.Caller;
import dev.campus.shared.Money;
import dev.campus.shared.ProblemType;
import dev.campus.shared.Problems;
import dev.campus.shared.VersionedEntity;
import dev.campus.shared.paging.Keyset;
import dev.campus.shared.paging.Page;
import dev.campus.shared.paging.PageRequest;
import dev.campus.shared.paging.SortField;
import dev.campus.shared.paging.Sorting;
import dev.campus.shared.paging.WhereClause;

/** A course in the catalogue, taught by one instructor. */
@Entity
@Table(name = "courses")
public class Course extends VersionedEntity {

    public static final Sorting<Course> SORTING = new Sorting<>("courses", "createdAt",
            SortField.instant("createdAt", course -> course.createdAt),
            SortField.text("title", course -> course.title),
            SortField.number("price", "price.amount", course -> course.price.amount()));

    @Column(nullable = false)
    public String slug;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String description;

    @Column(name = "instructor_id", nullable = false)
    public UUID instructorId;

    @Convert(converter = StatusConverter.class)
    @Column(nullable = false)
    public CourseStatus status = CourseStatus.DRAFT;

    @Embedded
    @AttributeOverride(name = "amount", column = @Column(name = "price_amount", nullable = false))
    @AttributeOverride(name = "currency", column = @Column(name = "price_currency", nullable = false))
    public Money price;

    @Column(name = "seat_capacity")
    public Integer seatCapacity;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "archived_at")
    public Instant archivedAt;

    /** The course with this id, or a 404. */
    public static Course require(UUID id) {
        return Course.<Course>findByIdOptional(id).orElseThrow(() -> Problems.notFound("Course", id));
    }

    /** The course with this id, locked until the transaction ends: serializes changes to it and its lessons. */
    public static Course requireForUpdate(UUID id) {
        return Course.<Course>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).orElseThrow(() -> Problems.notFound("Course", id));
    }

    /** The course if the caller may see it, otherwise 404 as if it did not exist. */
    public static Course requireVisible(UUID id, Caller caller) {
        Course course = require(id);
        if (!course.isVisibleTo(caller)) {
            throw Problems.notFound("Course", id);
        }
        return course;
    }

    /** The version of the course with this id (attribute "id") or slug ("slug") if the caller may see it, else null. */
    public static Long visibleVersion(String attribute, Object value, Caller caller) {
        return visibleTo(caller, new WhereClause()).versionWhere(Course.class, attribute, value);
    }

    /** The course with this slug if the caller may see it, otherwise 404 as if there were none. */
    public static Course requireVisibleBySlug(String slug, Caller caller) {
        return findBySlug(slug).filter(found -> found.isVisibleTo(caller)).orElseThrow(() -> Problems.notFound("Course with slug", slug));
    }

    /**
     * The course, locked (serializing changes to it and its lessons), if the caller manages it; otherwise 401,
     * 403 (a course they can see) or 404.
     */
    public static Course requireChangeable(UUID id, Caller caller) {
        caller.requireAuthenticated();
        Course course = requireForUpdate(id);
        if (!course.isManagedBy(caller)) {
            throw Problems.refused(course.isVisibleTo(caller), "Course", id, "Only the course's instructor, admins and services may change it");
        }
        return course;
    }

    /** Instructors create courses they teach; admins and services any course: 401 for anonymous callers, otherwise 403. */
    public static void requireMayCreate(UUID instructorId, Caller caller) {
        caller.requireAuthenticated();
        if (!caller.isPrivileged() && !(caller.isInstructor() && caller.is(instructorId))) {
            throw Problems.forbidden("Instructors create courses they teach (instructorId is their own id); students cannot create courses");
        }
    }

    public static Optional<Course> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    public static boolean existsForInstructor(UUID instructorId) {
        return count("instructorId", instructorId) > 0;
    }

    /** A page of the courses the caller may see ({@link #isVisibleTo}) that match the given filters (null: any). */
    public static Page<Course> search(Caller caller, CourseStatus status, UUID instructorId, String text, PageRequest<Course> page) {
        WhereClause filter = visibleTo(caller, new WhereClause())
                .and("status = :status", "status", status)
                .and("instructorId = :instructorId", "instructorId", instructorId)
                .matching(text, "title", "description");
        return Keyset.page((query, parameters) -> find(query, parameters), filter, page, course -> course.id);
    }

    /** The list condition matching {@link #isVisibleTo}. */
    private static WhereClause visibleTo(Caller caller, WhereClause filter) {
        if (caller.isPrivileged()) {
            return filter;
        }
        if (caller.isAnonymous()) {
            return filter.and("status = :visibleStatus", "visibleStatus", CourseStatus.PUBLISHED);
        }
        return filter.and("(status <> :hiddenStatus or instructorId = :caller)",
                Map.of("hiddenStatus", CourseStatus.DRAFT, "caller", caller.id()));
    }

    /** Published courses are public, archived ones visible to signed-in users, drafts to their instructor only. */
    public boolean isVisibleTo(Caller caller) {
        return status == CourseStatus.PUBLISHED || status == CourseStatus.ARCHIVED && !caller.isAnonymous() || isManagedBy(caller);
    }

    /** Its instructor, admins and services manage a course and its lessons. */
    public boolean isManagedBy(Caller caller) {
        return caller.isPrivileged() || caller.isInstructor() && caller.is(instructorId);
    }

    void publish() {
        if (status != CourseStatus.DRAFT) {
            throw Problems.of(ProblemType.COURSE_NOT_DRAFT, "Only a draft course can be published; this one is " + status.apiValue());
        }
        status = CourseStatus.PUBLISHED;
        publishedAt = now();
    }

    void archive() {
        if (status != CourseStatus.PUBLISHED) {
            throw Problems.of(ProblemType.COURSE_NOT_PUBLISHED, "Only a published course can be archived; this one is " + status.apiValue());
        }
        status = CourseStatus.ARCHIVED;
        archivedAt = now();
    }

    public boolean isPublished() {
        return status == CourseStatus.PUBLISHED;
    }

    static final class StatusConverter extends ApiEnumConverter<CourseStatus> {
        StatusConverter() {
            super(CourseStatus.class);
        }
    }
}
