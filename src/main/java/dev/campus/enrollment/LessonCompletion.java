package dev.campus.enrollment;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A lesson an enrollment has completed, and when. */
@Entity
@Table(name = "lesson_completions")
@IdClass(LessonCompletion.Key.class)
public class LessonCompletion extends PanacheEntityBase {

    @Id
    @Column(name = "enrollment_id")
    public UUID enrollmentId;

    @Id
    @Column(name = "lesson_id")
    public UUID lessonId;

    @Column(name = "completed_at", nullable = false)
    public Instant completedAt;

    public record Key(UUID enrollmentId, UUID lessonId) implements Serializable {
    }

    static LessonCompletion findFor(UUID enrollmentId, UUID lessonId) {
        return findById(new Key(enrollmentId, lessonId));
    }

    static List<LessonCompletion> listForEnrollment(UUID enrollmentId) {
        return list("enrollmentId = ?1 order by completedAt, lessonId", enrollmentId);
    }

    /** Completions of lessons that are published now: unpublished lessons do not count towards progress. */
    static long countPublishedCompleted(UUID enrollmentId) {
        return getEntityManager().createQuery("""
                select count(c) from LessonCompletion c, Lesson l
                where c.enrollmentId = ?1 and l.id = c.lessonId and l.published = true""", Long.class)
                .setParameter(1, enrollmentId).getSingleResult();
    }
}
