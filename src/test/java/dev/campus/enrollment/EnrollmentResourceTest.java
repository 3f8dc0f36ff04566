package dev.campus.enrollment;

import static dev.campus.support.Api.api;
import static dev.campus.support.Fixtures.UNKNOWN_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import dev.campus.support.Fixtures;
import dev.campus.support.Race;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class EnrollmentResourceTest {

    static final String ENROLLMENTS = "/api/v1/enrollments";
    static final String COMPLETION = ENROLLMENTS + "/{id}/lessons/{lessonId}/completion";

    static String enroll(String user, String course) {
        return api().body(Map.of("userId", user, "courseId", course)).post(ENROLLMENTS).then().statusCode(201).extract().path("id");
    }

    @Test
    void aFreeCourseEnrollsStraightToActive() {
        String course = Fixtures.publishedCourse(Fixtures.instructor(), 0, null);
        String student = Fixtures.user("student");
        api().body(Map.of("userId", student, "courseId", course)).post(ENROLLMENTS)
                .then().statusCode(201).header("Location", containsString(ENROLLMENTS + "/"))
                .body("status", equalTo("active")).body("invoiceId", nullValue())
                .body("enrolledAt", notNullValue()).body("activatedAt", notNullValue());
    }

    @Test
    void aPaidCourseWaitsForPaymentWithAnOpenInvoiceForThePrice() {
        String course = Fixtures.publishedCourse(Fixtures.instructor(), 4900, null);
        String student = Fixtures.user("student");
        String invoice = api().body(Map.of("userId", student, "courseId", course)).post(ENROLLMENTS)
                .then().statusCode(201).body("status", equalTo("pending_payment")).body("invoiceId", notNullValue())
                .extract().path("invoiceId");
        api().get("/api/v1/invoices/{id}", invoice).then().statusCode(200)
                .body("status", equalTo("open")).body("total.amount", equalTo(4900)).body("total.currency", equalTo("EUR"))
                .body("userId", equalTo(student));
    }

    @Test
    void onlyPublishedCoursesTakeEnrollments() {
        String instructor = Fixtures.instructor();
        String draft = Fixtures.course(instructor);
        api().body(Map.of("userId", Fixtures.user("student"), "courseId", draft)).post(ENROLLMENTS)
                .then().statusCode(409).body("detail", containsString("draft"));

        String archived = Fixtures.publishedCourse(instructor, 0, null);
        String existing = enroll(Fixtures.user("student"), archived);
        api().post("/api/v1/courses/{id}/archive", archived).then().statusCode(200);
        api().body(Map.of("userId", Fixtures.user("student"), "courseId", archived)).post(ENROLLMENTS).then().statusCode(409);
        api().get(ENROLLMENTS + "/{id}", existing).then().statusCode(200).body("status", equalTo("active"));
    }

    @Test
    void aUserHasAtMostOneLiveEnrollmentPerCourse() {
        String course = Fixtures.publishedCourse(Fixtures.instructor(), 0, null);
        String student = Fixtures.user("student");
        String first = enroll(student, course);
        api().body(Map.of("userId", student, "courseId", course)).post(ENROLLMENTS)
                .then().statusCode(409).body("detail", containsString("live enrollment"));

        api().post(ENROLLMENTS + "/{id}/cancel", first).then().statusCode(200).body("status", equalTo("cancelled"));
        enroll(student, course);
    }

    @Test
    void aFullCourseRefusesNewEnrollments() {
        String course = Fixtures.publishedCourse(Fixtures.instructor(), 1000, 2);
        enroll(Fixtures.user("student"), course);
        String second = enroll(Fixtures.user("student"), course);
        api().body(Map.of("userId", Fixtures.user("student"), "courseId", course)).post(ENROLLMENTS)
                .then().statusCode(409).body("detail", containsString("full"));

        api().post(ENROLLMENTS + "/{id}/cancel", second).then().statusCode(200);
        enroll(Fixtures.user("student"), course);
    }

    @Test
    void fiftyStudentsRacingForTenSeatsFillExactlyTenSeats() throws Exception {
        String course = Fixtures.publishedCourse(Fixtures.instructor(), 4900, 10);
        List<String> students = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            students.add(Fixtures.user("student"));
        }
        List<Callable<Integer>> enrollments = students.stream().<Callable<Integer>>map(student -> () -> api()
                .body(Map.of("userId", student, "courseId", course)).post(ENROLLMENTS).then().extract().statusCode()).toList();

        List<Integer> statuses = Race.run(enrollments);

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(10);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(40);
        // Read back through the API (this test also runs against the packaged jar, where there is no datasource to query).
        List<String> live = api().queryParam("courseId", course).queryParam("limit", 100).get(ENROLLMENTS)
                .then().statusCode(200).extract().jsonPath().getList("items.status", String.class);
        assertThat(live).hasSize(10).allMatch(status -> status.equals("pending_payment") || status.equals("active"));
    }

    @Test
    void unknownUserOrCourseIs422() {
        String course = Fixtures.publishedCourse(Fixtures.instructor(), 0, null);
        api().body(Map.of("userId", UNKNOWN_ID, "courseId", course)).post(ENROLLMENTS).then().statusCode(422);
        api().body(Map.of("userId", Fixtures.user("student"), "courseId", UNKNOWN_ID)).post(ENROLLMENTS).then().statusCode(422);
    }

    @Test
    void cancellingAPendingEnrollmentVoidsItsInvoice() {
        String course = Fixtures.publishedCourse(Fixtures.instructor(), 2500, null);
        String enrollment = enroll(Fixtures.user("student"), course);
        String invoice = api().get(ENROLLMENTS + "/{id}", enrollment).then().extract().path("invoiceId");

        api().header("If-Match", "\"0\"").post(ENROLLMENTS + "/{id}/cancel", enrollment)
                .then().statusCode(200).body("status", equalTo("cancelled")).body("cancelledAt", notNullValue());
        api().get("/api/v1/invoices/{id}", invoice).then().body("status", equalTo("void"));
        api().post(ENROLLMENTS + "/{id}/cancel", enrollment).then().statusCode(409);
    }

    @Test
    void aPaidEnrollmentIsCancelledByRefundNotByCancel() {
        String course = Fixtures.publishedCourse(Fixtures.instructor(), 2500, null);
        String enrollment = enroll(Fixtures.user("student"), course);
        String invoice = api().get(ENROLLMENTS + "/{id}", enrollment).then().extract().path("invoiceId");
        api().body(Map.of("paymentReference", Fixtures.unique("psp"), "amount", Map.of("amount", 2500, "currency", "EUR")))
                .post("/api/v1/invoices/{id}/pay", invoice).then().statusCode(200);

        api().post(ENROLLMENTS + "/{id}/cancel", enrollment).then().statusCode(409).body("detail", containsString("refund"));
        api().get(ENROLLMENTS + "/{id}", enrollment).then().body("status", equalTo("active"));
    }

    @Test
    void progressCountsPublishedLessonsAndTheLastOneCompletesTheEnrollment() {
        String course = Fixtures.course(Fixtures.instructor(), Fixtures.unique("Progress"), 0);
        String first = Fixtures.lesson(course, "First", true);
        String second = Fixtures.lesson(course, "Second", true);
        String draft = Fixtures.lesson(course, "Draft", false);
        api().post("/api/v1/courses/{id}/publish", course).then().statusCode(200);
        String enrollment = enroll(Fixtures.user("student"), course);

        api().put(COMPLETION, enrollment, first).then().statusCode(200)
                .body("completedCount", equalTo(1)).body("publishedCount", equalTo(2)).body("percentComplete", equalTo(50))
                .body("completedLessons.lessonId", contains(first)).body("status", equalTo("active"));
        api().put(COMPLETION, enrollment, first).then().statusCode(200).body("completedCount", equalTo(1));
        api().put(COMPLETION, enrollment, draft).then().statusCode(409);
        api().delete(COMPLETION, enrollment, first).then().statusCode(200).body("completedCount", equalTo(0));
        api().delete(COMPLETION, enrollment, first).then().statusCode(200).body("completedCount", equalTo(0));

        api().put(COMPLETION, enrollment, first).then().statusCode(200);
        api().put(COMPLETION, enrollment, second).then().statusCode(200)
                .body("percentComplete", equalTo(100)).body("status", equalTo("completed"));
        api().get(ENROLLMENTS + "/{id}", enrollment).then().body("status", equalTo("completed")).body("completedAt", notNullValue());
        api().get(ENROLLMENTS + "/{id}/progress", enrollment).then().statusCode(200)
                .body("completedLessons", hasSize(2)).body("completedLessons[0].completedAt", notNullValue());
    }

    @Test
    void progressIsRecordedOnlyForActiveEnrollmentsAndLessonsOfTheCourse() {
        String course = Fixtures.publishedCourse(Fixtures.instructor(), 900, null);
        String lesson = api().queryParam("limit", 1).get("/api/v1/courses/{id}/lessons", course).then().extract().path("items[0].id");
        String pending = enroll(Fixtures.user("student"), course);
        api().put(COMPLETION, pending, lesson).then().statusCode(409).body("detail", containsString("active"));

        String otherLesson = Fixtures.lesson(Fixtures.course(Fixtures.instructor()), "Elsewhere", true);
        api().put(COMPLETION, pending, otherLesson).then().statusCode(404);
    }

    @Test
    void listFiltersByUserCourseAndStatus() {
        String course = Fixtures.publishedCourse(Fixtures.instructor(), 0, null);
        String student = Fixtures.user("student");
        String active = enroll(student, course);
        String paidCourse = Fixtures.publishedCourse(Fixtures.instructor(), 100, null);
        String pending = enroll(student, paidCourse);

        api().queryParam("userId", student).get(ENROLLMENTS).then().statusCode(200).body("items.id", contains(active, pending));
        api().queryParam("userId", student).queryParam("status", "pending_payment").get(ENROLLMENTS)
                .then().body("items.id", contains(pending));
        api().queryParam("courseId", course).queryParam("sort", "-enrolledAt").get(ENROLLMENTS).then().body("items.id", contains(active));
        api().queryParam("userId", student).queryParam("courseId", paidCourse).get(ENROLLMENTS)
                .then().body("items[0].invoiceId", notNullValue());
    }

    @Test
    void usersAndCoursesWithEnrollmentsCannotBeDeleted() {
        String course = Fixtures.publishedCourse(Fixtures.instructor(), 100, null);
        String student = Fixtures.user("student");
        enroll(student, course);
        api().delete("/api/v1/users/{id}", student).then().statusCode(409);
        assertThat(api().get("/api/v1/users/{id}", student).then().extract().statusCode()).isEqualTo(200);
    }
}
