package dev.campus.course;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.Session;

import dev.campus.shared.Caller;
import dev.campus.shared.Problems;
import dev.campus.shared.VersionedEntity;
import dev.campus.shared.events.BulkChanges;
import dev.campus.shared.paging.Keyset;
import dev.campus.shared.paging.Page;
import dev.campus.shared.paging.PageRequest;
import dev.campus.shared.paging.SortField;
import dev.campus.shared.paging.Sorting;
import dev.campus.shared.paging.WhereClause;

/**
 * A lesson of a course. Positions run 1..n without gaps; every change to them is one UPDATE statement (the
 * unique constraint on (course_id, position) is checked at the end of the statement) made while the course
 * row is locked, so concurrent changes to one course take turns.
 */
@Entity
@Table(name = "lessons")
public class Lesson extends VersionedEntity {

    public static final Sorting<Lesson> SORTING = new Sorting<>("lessons", "position",
            SortField.number("position", "position", lesson -> (long) lesson.position));

    @Column(name = "course_id", nullable = false, updatable = false)
    public UUID courseId;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String body;

    @Column(name = "duration_minutes", nullable = false)
    public int durationMinutes;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public boolean published;

    /**
     * The lesson if the caller may see it: a published lesson of a course they can see, or any lesson of a
     * course they manage; otherwise 404 as if it did not exist.
     */
    public static Lesson requireVisible(UUID courseId, UUID lessonId, Caller caller) {
        Course course = Course.requireVisible(courseId, caller);
        Lesson lesson = requireInCourse(courseId, lessonId);
        if (!lesson.published && !course.isManagedBy(caller)) {
            throw Problems.notFound("Lesson", lessonId + " in course " + courseId);
        }
        return lesson;
    }

    /**
     * The version of the lesson if the caller may see it (a published lesson of a course they may see), else null;
     * an unpublished lesson gives null too (its visibility needs the course's instructor: the full read decides).
     */
    public static Long visibleVersion(UUID courseId, UUID lessonId, Caller caller) {
        if (Course.visibleVersion("id", courseId, caller) == null) {
            return null;
        }
        return new WhereClause().and("courseId = :courseId", "courseId", courseId).and("published = true", java.util.Map.of())
                .versionWhere(Lesson.class, "id", lessonId);
    }

    /** The lesson with this id in this course, or a 404. */
    public static Lesson requireInCourse(UUID courseId, UUID lessonId) {
        return Lesson.<Lesson>find("id = ?1 and courseId = ?2", lessonId, courseId).firstResultOptional()
                .orElseThrow(() -> Problems.notFound("Lesson", lessonId + " in course " + courseId));
    }

    public static long countInCourse(UUID courseId) {
        return count("courseId", courseId);
    }

    public static long countPublished(UUID courseId) {
        return count("courseId = ?1 and published = true", courseId);
    }

    public static List<UUID> idsInOrder(UUID courseId) {
        return getEntityManager().createQuery("select id from Lesson where courseId = ?1 order by position", UUID.class)
                .setParameter(1, courseId).getResultList();
    }

    /**
     * A page of the course's lessons the caller may see: the published ones, or all of them for those who
     * manage the course. 404 when the caller may not see the course.
     */
    public static Page<Lesson> search(Caller caller, UUID courseId, PageRequest<Lesson> page) {
        boolean onlyPublished = !Course.requireVisible(courseId, caller).isManagedBy(caller);
        WhereClause filter = new WhereClause().and("courseId = :courseId", "courseId", courseId)
                .and("published = :published", "published", onlyPublished ? Boolean.TRUE : null);
        return Keyset.page((query, parameters) -> find(query, parameters), filter, page, lesson -> lesson.id);
    }

    /** Makes room at {@code position}: it and every later lesson move one down. */
    static void openGapAt(UUID courseId, int position) {
        renumber("position + 1", "course_id = ?1 and position >= ?2", courseId, position);
    }

    /** Closes the hole a removed lesson left at {@code position}. */
    static void closeGapAt(UUID courseId, int position) {
        renumber("position - 1", "course_id = ?1 and position > ?2", courseId, position);
    }

    /** Moves this lesson to {@code target}, shifting the lessons in between by one. */
    void moveTo(int target) {
        if (target == position) {
            return;
        }
        flush();
        renumber("case when id = ?3 then ?4 when ?4 < ?5 then position + 1 else position - 1 end",
                "course_id = ?1 and position between ?2 and ?6", courseId, Math.min(target, position), id, target, position,
                Math.max(target, position));
        getEntityManager().refresh(this);
    }

    /** Gives the course's lessons the positions 1..n in the order of {@code orderedIds} (all of its lessons). */
    static void reorder(UUID courseId, List<UUID> orderedIds) {
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    update lessons l set position = o.ord, version = l.version + 1, updated_at = now()
                    from unnest(?) with ordinality as o(id, ord)
                    where l.id = o.id and l.course_id = ? and l.position <> o.ord
                    returning l.id""")) {
                Array ids = connection.createArrayOf("uuid", orderedIds.toArray());
                update.setArray(1, ids);
                update.setObject(2, courseId);
                List<UUID> moved = new java.util.ArrayList<>();
                try (var rows = update.executeQuery()) {
                    while (rows.next()) {
                        moved.add(rows.getObject(1, UUID.class));
                    }
                }
                BulkChanges.updated(Lesson.class, moved, "position");
            }
        });
    }

    private static void renumber(String newPosition, String where, Object... parameters) {
        var update = getEntityManager().createNativeQuery(
                "update lessons set position = " + newPosition + ", version = version + 1, updated_at = now() where " + where
                        + " returning id", UUID.class);
        for (int i = 0; i < parameters.length; i++) {
            update.setParameter(i + 1, parameters[i]);
        }
        List<?> moved = update.getResultList();
        BulkChanges.updated(Lesson.class, moved.stream().map(UUID.class::cast).toList(), "position");
    }
}
