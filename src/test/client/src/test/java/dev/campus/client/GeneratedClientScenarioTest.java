package dev.campus.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.campus.client.api.CoursesApi;
import dev.campus.client.api.EnrollmentsApi;
import dev.campus.client.api.InvoicesApi;
import dev.campus.client.api.LessonsApi;
import dev.campus.client.api.UsersApi;
import dev.campus.client.model.BillingStanding;
import dev.campus.client.model.CourseRequest;
import dev.campus.client.model.CourseStatus;
import dev.campus.client.model.EnrollmentRequest;
import dev.campus.client.model.EnrollmentStatus;
import dev.campus.client.model.InvoiceStatus;
import dev.campus.client.model.LessonRequest;
import dev.campus.client.model.PaymentRequest;
import dev.campus.client.model.Price;
import dev.campus.client.model.Role;
import dev.campus.client.model.UserRequest;

/**
 * One platform scenario through a client generated from the committed contract, exactly as another team would
 * use it: an admin creates an instructor and a course with a published lesson, publishes it, enrolls a student;
 * the payment integration (service role) records the payment; the student's billing standing is good; a list
 * is followed through two pages with its cursor.
 */
class GeneratedClientScenarioTest {

    static String setting(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("-D" + name + " is required (.ci/swagger-ui-check sets it)");
        }
        return value;
    }

    static ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(setting("campus.base-url"));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    static UserRequest user(Role role, String name) {
        return new UserRequest().email(name.toLowerCase().replace(" ", ".") + "-" + UUID.randomUUID() + "@example.com").displayName(name).role(role);
    }

    @Test
    void anAdminSetsUpACourseAStudentEnrollsTheServicePaysAndListsPage() throws Exception {
        ApiClient admin = client(setting("campus.admin-token"));
        ApiClient service = client(setting("campus.service-token"));
        UsersApi users = new UsersApi(admin);
        CoursesApi courses = new CoursesApi(admin);

        var instructor = users.createUser(user(Role.INSTRUCTOR, "Client Instructor"));
        var course = courses.createCourse(new CourseRequest().slug("client-" + UUID.randomUUID().toString().substring(0, 8))
                .title("Generated client course").instructorId(instructor.getId()).price(new Price().amount(4900L).currency("EUR")));
        assertEquals(CourseStatus.DRAFT, course.getStatus());
        var lesson = new LessonsApi(admin).createLesson(course.getId(),
                new LessonRequest().title("Welcome").durationMinutes(5).published(true));
        assertNotNull(lesson.getId());
        course = courses.publishCourse(course.getId(), null);
        assertEquals(CourseStatus.PUBLISHED, course.getStatus());

        var student = users.createUser(user(Role.STUDENT, "Client Student"));
        var enrollment = new EnrollmentsApi(admin).createEnrollment(
                new EnrollmentRequest().userId(student.getId()).courseId(course.getId()), "client-" + UUID.randomUUID());
        assertEquals(EnrollmentStatus.PENDING_PAYMENT, enrollment.getStatus());
        assertNotNull(enrollment.getInvoiceId());

        var invoice = new InvoicesApi(service).payInvoice(enrollment.getInvoiceId(),
                new PaymentRequest().paymentReference("psp-" + UUID.randomUUID()).amount(new Price().amount(4900L).currency("EUR")),
                "pay-" + UUID.randomUUID(), null);
        assertEquals(InvoiceStatus.PAID, invoice.getStatus());
        assertEquals(EnrollmentStatus.ACTIVE, new EnrollmentsApi(admin).getEnrollment(enrollment.getId(), null).getStatus());

        BillingStanding standing = new InvoicesApi(admin).getBillingStanding(student.getId());
        assertEquals(BillingStanding.StandingEnum.GOOD_STANDING, standing.getStanding());
        assertEquals(0, standing.getOutstanding().size());

        var first = users.listUsers(null, null, 1, null, null, null);
        assertEquals(1, first.getItems().size());
        assertNotNull(first.getNextCursor());
        var second = users.listUsers(first.getNextCursor(), null, 1, null, null, null);
        assertEquals(1, second.getItems().size());
        Set<UUID> seen = new HashSet<>();
        seen.add(first.getItems().get(0).getId());
        assertFalse(seen.contains(second.getItems().get(0).getId()), "the second page continues after the first");
        assertNotEquals(first.getNextCursor(), second.getNextCursor());
    }
}
