package dev.campus.enrollment;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import dev.campus.course.Course;
import dev.campus.course.Lesson;
import dev.campus.shared.Caller;
import dev.campus.shared.ProblemType;
import dev.campus.shared.Problems;
import dev.campus.shared.VersionedEntity;
import dev.campus.user.User;

/**
 * Enrolling, cancelling and learning progress: the use cases that span enrollments, courses and invoices.
 * Locks are taken in one order everywhere (user, course, then enrollment, then invoice) so concurrent requests
 * queue instead of deadlocking, and every invariant is checked while the rows it depends on are locked.
 * Invoices are billing's: reached through {@link EnrollmentInvoices}, which billing implements.
 */
@ApplicationScoped
public class EnrollmentService {

    @Inject
    EnrollmentInvoices invoices;

    /**
     * A free course enrolls straight to active; a paid one waits for its open invoice to be paid. A course the
     * caller may not see (another instructor's draft) is answered exactly like one that does not exist (422).
     */
    public Enrollment enroll(EnrollmentRequest request, Caller caller) {
        User user = User.findById(request.userId(), LockModeType.PESSIMISTIC_READ);
        if (user == null) {
            throw Problems.of(ProblemType.UNKNOWN_REFERENCE, "userId " + request.userId() + " is not a user");
        }
        Course course = Course.findById(request.courseId(), LockModeType.PESSIMISTIC_WRITE);
        if (course == null || !course.isVisibleTo(caller)) {
            throw Problems.of(ProblemType.UNKNOWN_REFERENCE, "courseId " + request.courseId() + " is not a course");
        }
        if (!course.isPublished()) {
            throw Problems.of(ProblemType.COURSE_NOT_PUBLISHED, "The course is " + course.status.apiValue() + "; only published courses take enrollments");
        }
        if (Enrollment.existsLive(user.id, course.id)) {
            throw Problems.of(ProblemType.ALREADY_ENROLLED, "The user already has a live enrollment in this course");
        }
        if (course.seatCapacity != null && Enrollment.countSeatsTaken(course.id) >= course.seatCapacity) {
            throw Problems.of(ProblemType.COURSE_FULL, "The course is full (" + course.seatCapacity + " seats)");
        }
        Enrollment enrollment = new Enrollment();
        enrollment.userId = user.id;
        enrollment.courseId = course.id;
        enrollment.enrolledAt = VersionedEntity.now();
        if (course.price.amount() == 0) {
            enrollment.status = EnrollmentStatus.ACTIVE;
            enrollment.activatedAt = enrollment.enrolledAt;
        } else {
            enrollment.status = EnrollmentStatus.PENDING_PAYMENT;
        }
        enrollment.persistAndFlush();
        if (course.price.amount() > 0) {
            enrollment.invoiceId = invoices.open(enrollment.userId, enrollment.id, course.price);
        }
        return enrollment;
    }

    /**
     * Cancels the (locked) enrollment with its open invoice voided: 409 when it is completed, or paid (a paid
     * enrollment is cancelled by refunding its invoice).
     */
    public Enrollment cancel(Enrollment enrollment) {
        if (enrollment.status == EnrollmentStatus.COMPLETED) {
            throw Problems.of(ProblemType.ENROLLMENT_NOT_CANCELLABLE, "A completed enrollment cannot be cancelled");
        }
        if (enrollment.invoiceId != null) {
            invoices.releaseForCancellation(enrollment.invoiceId);
        }
        enrollment.cancel(CancellationReason.CANCELLED_BY_USER);
        Enrollment.flush();
        return enrollment;
    }

    /** Marks a published lesson of the course complete; completing the last one completes the enrollment. */
    public ProgressResponse completeLesson(Enrollment enrollment, UUID lessonId) {
        Lesson lesson = Lesson.requireInCourse(enrollment.courseId, lessonId);
        if (LessonCompletion.findFor(enrollment.id, lesson.id) != null) {
            return progress(enrollment);
        }
        if (!enrollment.isActive()) {
            throw Problems.of(ProblemType.ENROLLMENT_NOT_ACTIVE, "Progress is recorded for active enrollments; this one is " + enrollment.status.apiValue());
        }
        if (!lesson.published) {
            throw Problems.of(ProblemType.LESSON_NOT_PUBLISHED, "The lesson is not published");
        }
        LessonCompletion completion = new LessonCompletion();
        completion.enrollmentId = enrollment.id;
        completion.lessonId = lesson.id;
        completion.completedAt = VersionedEntity.now();
        completion.persistAndFlush();
        if (LessonCompletion.countPublishedCompleted(enrollment.id) >= Lesson.countPublished(enrollment.courseId)) {
            enrollment.complete();
            Enrollment.flush();
        }
        return progress(enrollment);
    }

    /** Undoes a completion; undoing one that is not there changes nothing. */
    public ProgressResponse undoLesson(Enrollment enrollment, UUID lessonId) {
        Lesson lesson = Lesson.requireInCourse(enrollment.courseId, lessonId);
        LessonCompletion completion = LessonCompletion.findFor(enrollment.id, lesson.id);
        if (completion == null) {
            return progress(enrollment);
        }
        if (!enrollment.isActive()) {
            throw Problems.of(ProblemType.ENROLLMENT_NOT_ACTIVE, "Progress is recorded for active enrollments; this one is " + enrollment.status.apiValue());
        }
        completion.delete();
        LessonCompletion.flush();
        return progress(enrollment);
    }

    public ProgressResponse progress(Enrollment enrollment) {
        var completions = LessonCompletion.listForEnrollment(enrollment.id).stream()
                .map(completion -> new ProgressResponse.CompletedLesson(completion.lessonId, completion.completedAt))
                .toList();
        long completed = LessonCompletion.countPublishedCompleted(enrollment.id);
        long published = Lesson.countPublished(enrollment.courseId);
        int percent = published == 0 ? 0 : (int) (100 * Math.min(completed, published) / published);
        return new ProgressResponse(enrollment.id, enrollment.status, completions, completed, published, percent);
    }
}
