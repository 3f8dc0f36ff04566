package dev.campus.course;

import java.time.Instant;
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
import dev.campus.shared.Filter;
import dev.campus.shared.Keyset;
import dev.campus.shared.Money;
import dev.campus.shared.Page;
import dev.campus.shared.PageRequest;
import dev.campus.shared.Problems;
import dev.campus.shared.SortField;
import dev.campus.shared.Sorting;
import dev.campus.shared.VersionedEntity;

/** A course in the catalogue, taught by one instructor. */
@Entity
@Table(name = "courses")
public class Course extends VersionedEntity {

    public static final Sorting<Course> SORTING = new Sorting<>("createdAt",
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

    public static Optional<Course> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    public static boolean existsForInstructor(UUID instructorId) {
        return count("instructorId", instructorId) > 0;
    }

    public static Page<Course> search(CourseStatus status, UUID instructorId, String text, PageRequest<Course> page) {
        Filter filter = new Filter()
                .and("status = :status", "status", status)
                .and("instructorId = :instructorId", "instructorId", instructorId)
                .matching(text, "title", "description");
        return Keyset.page((query, parameters) -> find(query, parameters), filter, page, course -> course.id);
    }

    void publish() {
        if (status != CourseStatus.DRAFT) {
            throw Problems.conflict("Only a draft course can be published; this one is " + status.apiValue());
        }
        status = CourseStatus.PUBLISHED;
        publishedAt = now();
    }

    void archive() {
        if (status != CourseStatus.PUBLISHED) {
            throw Problems.conflict("Only a published course can be archived; this one is " + status.apiValue());
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
