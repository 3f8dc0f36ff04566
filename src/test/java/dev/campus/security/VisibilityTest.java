package dev.campus.security;

import static dev.campus.support.Api.anonymous;
import static dev.campus.support.Api.api;
import static dev.campus.support.Api.as;
import static dev.campus.support.Api.unchecked;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.campus.support.Fixtures;
import dev.campus.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** Lists hold only what the caller may see, whatever filters they pass; no response leaks another user's data. */
@QuarkusTest
class VisibilityTest {

    record Enrolled(String student, String email, String enrollment, String invoice) {
    }

    static Enrolled enrolled(String course) {
        String email = Fixtures.unique("visible") + "@example.com";
        String student = api().body(Map.of("email", email, "displayName", "Visible", "role", "student"))
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
        var created = api().body(Map.of("userId", student, "courseId", course)).post("/api/v1/enrollments").then().statusCode(201).extract();
        return new Enrolled(student, email, created.path("id"), created.path("invoiceId"));
    }

    @Test
    void aStudentListsOnlyThemselvesAndCannotFindOthersByEmail() {
        String course = Fixtures.publishedCourse(Fixtures.instructor());
        Enrolled me = enrolled(course);
        Enrolled other = enrolled(course);
        String token = Tokens.forUser(me.student(), "student");

        as(token).queryParam("limit", 100).get("/api/v1/users").then().statusCode(200).body("items.id", contains(me.student()));
        as(token).queryParam("email", other.email()).get("/api/v1/users").then().statusCode(200).body("items", empty());
        as(token).get("/api/v1/users/{id}", other.student()).then().statusCode(404).body(not(containsString(other.email())));
    }

    @Test
    void aStudentSeesOnlyTheirOwnEnrollmentsAndInvoicesWhateverTheFilter() {
        String course = Fixtures.publishedCourse(Fixtures.instructor());
        Enrolled me = enrolled(course);
        Enrolled other = enrolled(course);
        String token = Tokens.forUser(me.student(), "student");

        as(token).queryParam("courseId", course).get("/api/v1/enrollments").then().statusCode(200).body("items.id", contains(me.enrollment()));
        as(token).queryParam("userId", other.student()).get("/api/v1/enrollments").then().statusCode(200).body("items", empty());
        as(token).get("/api/v1/invoices").then().statusCode(200).body("items.userId", everyItem(equalTo(me.student())));
        as(token).queryParam("userId", other.student()).get("/api/v1/invoices").then().statusCode(200).body("items", empty());
        as(token).get("/api/v1/users/{id}/billing", other.student()).then().statusCode(404);
    }

    @Test
    void anInstructorSeesTheEnrollmentsInTheirCoursesButNotTheInvoices() {
        String instructor = Fixtures.instructor();
        String course = Fixtures.publishedCourse(instructor);
        Enrolled first = enrolled(course);
        Enrolled second = enrolled(course);
        Enrolled elsewhere = enrolled(Fixtures.publishedCourse(Fixtures.instructor()));
        String token = Tokens.forUser(instructor, "instructor");

        as(token).queryParam("limit", 100).get("/api/v1/enrollments").then().statusCode(200)
                .body("items.id", containsInAnyOrder(first.enrollment(), second.enrollment()));
        as(token).get("/api/v1/enrollments/{id}/progress", first.enrollment()).then().statusCode(200);
        as(token).get("/api/v1/enrollments/{id}", elsewhere.enrollment()).then().statusCode(404);
        as(token).get("/api/v1/invoices").then().statusCode(200).body("items", empty());
        as(token).get("/api/v1/invoices/{id}", first.invoice()).then().statusCode(404);
    }

    @Test
    void anonymousCallersBrowseOnlyPublishedCoursesAndTheirPublishedLessons() {
        String instructor = Fixtures.instructor();
        String marker = Fixtures.unique("Anonymous");
        String draft = Fixtures.course(instructor, marker + " draft", 0);
        String published = Fixtures.course(instructor, marker + " published", 0);
        String visibleLesson = Fixtures.lesson(published, "Visible", true);
        String hiddenLesson = Fixtures.lesson(published, "Hidden", false);
        api().post("/api/v1/courses/{id}/publish", published).then().statusCode(200);

        anonymous().queryParam("q", marker).get("/api/v1/courses").then().statusCode(200).body("items.id", contains(published));
        anonymous().queryParam("q", marker).queryParam("status", "draft").get("/api/v1/courses").then().statusCode(200).body("items", empty());
        anonymous().get("/api/v1/courses/{id}", draft).then().statusCode(404);
        anonymous().get("/api/v1/courses/{id}/lessons", published).then().statusCode(200).body("items.id", contains(visibleLesson));
        anonymous().get("/api/v1/courses/{id}/lessons/{lesson}", published, hiddenLesson).then().statusCode(404);
        as(Tokens.forUser(instructor, "instructor")).get("/api/v1/courses/{id}/lessons", published).then().statusCode(200)
                .body("items.id", contains(visibleLesson, hiddenLesson));
    }

    @Test
    void aStudentCannotChangeTheirOwnRole() {
        String student = Fixtures.user("student");
        as(Tokens.forUser(student, "student")).contentType("application/merge-patch+json").body(Map.of("role", "admin"))
                .patch("/api/v1/users/{id}", student).then().statusCode(403);
        api().get("/api/v1/users/{id}", student).then().body("role", equalTo("student"));
    }

    @Test
    void enrollingInACourseHiddenFromYouIsAnsweredLikeAnUnknownCourse() {
        String student = Fixtures.user("student");
        String token = Tokens.forUser(student, "student");
        String draft = Fixtures.course(Fixtures.instructor());
        var hidden = unchecked(token).body(Map.of("userId", student, "courseId", draft)).post("/api/v1/enrollments")
                .then().statusCode(422).extract();
        var unknown = unchecked(token).body(Map.of("userId", student, "courseId", java.util.UUID.randomUUID().toString()))
                .post("/api/v1/enrollments").then().statusCode(422).extract();
        org.assertj.core.api.Assertions.assertThat(((String) hidden.path("detail")).replace(draft, "ID"))
                .isEqualTo(((String) unknown.path("detail")).replaceAll("[0-9a-f-]{36}", "ID"));
        // An admin, who sees the draft, is told why it cannot take enrollments.
        api().body(Map.of("userId", student, "courseId", draft)).post("/api/v1/enrollments").then().statusCode(409);
    }
}
