package dev.campus.course;

import static dev.campus.support.Api.api;
import static dev.campus.support.Api.apiWithInvalidRequest;
import static dev.campus.support.Fixtures.UNKNOWN_ID;
import static dev.campus.support.Fixtures.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.campus.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CourseResourceTest {

    static final String COURSES = "/api/v1/courses";
    static final String DEFAULT_TITLE = "Introduction to SQL";
    static final String UPDATED_TITLE = "SQL from Scratch";

    static Map<String, Object> courseWith(String slug, String instructorId) {
        Map<String, Object> course = new HashMap<>();
        course.put("slug", slug);
        course.put("title", DEFAULT_TITLE);
        course.put("description", "Queries, joins and indexes.");
        course.put("instructorId", instructorId);
        course.put("price", Map.of("amount", 4900, "currency", "EUR"));
        course.put("seatCapacity", 30);
        return course;
    }

    @Test
    void createAnswers201WithADraftCourse() {
        String instructor = Fixtures.instructor();
        String slug = unique("sql");
        api().body(courseWith(slug, instructor)).post(COURSES)
                .then().statusCode(201)
                .header("Location", containsString(COURSES + "/"))
                .header("ETag", "\"0\"")
                .body("status", equalTo("draft"))
                .body("slug", equalTo(slug))
                .body("instructorId", equalTo(instructor))
                .body("price.amount", equalTo(4900)).body("price.currency", equalTo("EUR"))
                .body("seatCapacity", equalTo(30))
                .body("publishedAt", nullValue());
    }

    @Test
    void theInstructorMustBeAUserWithTheInstructorRole() {
        api().body(courseWith(unique("s"), Fixtures.user("student"))).post(COURSES)
                .then().statusCode(422).contentType("application/problem+json").body("detail", containsString("instructor role"));
        api().body(courseWith(unique("s"), UNKNOWN_ID)).post(COURSES).then().statusCode(422);
    }

    @Test
    void duplicateSlugIsAConflict() {
        String instructor = Fixtures.instructor();
        String slug = unique("dup");
        api().body(courseWith(slug, instructor)).post(COURSES).then().statusCode(201);
        api().body(courseWith(slug, instructor)).post(COURSES).then().statusCode(409).body("detail", containsString("slug"));
    }

    @Test
    void slugMustBeUrlSafe() {
        apiWithInvalidRequest().contentType("application/json").body(courseWith("Not A Slug!", Fixtures.instructor())).post(COURSES)
                .then().statusCode(400).body("violations.field", hasItem("slug"));
    }

    @Test
    void priceNeedsAKnownCurrencyAndANonNegativeAmount() {
        Map<String, Object> course = courseWith(unique("p"), Fixtures.instructor());
        course.put("price", Map.of("amount", -1, "currency", "XYZ"));
        apiWithInvalidRequest().contentType("application/json").body(course).post(COURSES)
                .then().statusCode(400).body("violations.field", containsInAnyOrder("price.amount", "price.currency"));
    }

    @Test
    void aCourseCanBeReadByIdAndBySlug() {
        String instructor = Fixtures.instructor();
        String slug = unique("slug");
        String id = api().body(courseWith(slug, instructor)).post(COURSES).then().extract().path("id");

        api().get(COURSES + "/{id}", id).then().statusCode(200).body("slug", equalTo(slug)).header("ETag", "\"0\"");
        api().get(COURSES + "/by-slug/{slug}", slug).then().statusCode(200).body("id", equalTo(id));
        api().get(COURSES + "/by-slug/{slug}", unique("missing")).then().statusCode(404);
    }

    @Test
    void publishingNeedsAPublishedLesson() {
        String course = Fixtures.course(Fixtures.instructor());
        api().post(COURSES + "/{id}/publish", course).then().statusCode(409).body("detail", containsString("published lesson"));

        Fixtures.lesson(course, "Draft lesson", false);
        api().post(COURSES + "/{id}/publish", course).then().statusCode(409);

        Fixtures.lesson(course, "Published lesson", true);
        api().post(COURSES + "/{id}/publish", course)
                .then().statusCode(200).body("status", equalTo("published")).body("publishedAt", notNullValue());
    }

    @Test
    void theLifecycleIsDraftThenPublishedThenArchived() {
        String course = Fixtures.course(Fixtures.instructor());
        api().post(COURSES + "/{id}/archive", course).then().statusCode(409);
        Fixtures.lesson(course, "Lesson", true);
        api().post(COURSES + "/{id}/publish", course).then().statusCode(200);
        api().post(COURSES + "/{id}/publish", course).then().statusCode(409);
        api().post(COURSES + "/{id}/archive", course)
                .then().statusCode(200).body("status", equalTo("archived")).body("archivedAt", notNullValue());
        api().post(COURSES + "/{id}/archive", course).then().statusCode(409);
        api().post(COURSES + "/{id}/publish", course).then().statusCode(409);
    }

    @Test
    void onlyADraftCourseCanBeDeleted() {
        String draft = Fixtures.course(Fixtures.instructor());
        Fixtures.lesson(draft, "Lesson", false);
        api().delete(COURSES + "/{id}", draft).then().statusCode(204);
        api().get(COURSES + "/{id}", draft).then().statusCode(404);

        String published = Fixtures.publishedCourse(Fixtures.instructor());
        api().delete(COURSES + "/{id}", published).then().statusCode(409).body("detail", containsString("draft"));
        api().get(COURSES + "/{id}", published).then().statusCode(200);
    }

    @Test
    void putReplacesTheFieldsButNotTheStatus() {
        String instructor = Fixtures.instructor();
        String id = api().body(courseWith(unique("put"), instructor)).post(COURSES).then().extract().path("id");
        Map<String, Object> replacement = courseWith(unique("put2"), Fixtures.instructor());
        replacement.put("title", UPDATED_TITLE);
        replacement.remove("seatCapacity");
        replacement.remove("description");

        api().header("If-Match", "\"0\"").body(replacement).put(COURSES + "/{id}", id)
                .then().statusCode(200).header("ETag", "\"1\"")
                .body("title", equalTo(UPDATED_TITLE)).body("seatCapacity", nullValue()).body("description", equalTo(""))
                .body("status", equalTo("draft"));
    }

    @Test
    void putWithAStudentAsInstructorIs422AndChangesNothing() {
        String id = Fixtures.course(Fixtures.instructor());
        api().body(courseWith(unique("x"), Fixtures.user("student"))).put(COURSES + "/{id}", id).then().statusCode(422);
        api().get(COURSES + "/{id}", id).then().header("ETag", "\"0\"");
    }

    @Test
    void mergePatchChangesOnlyTheGivenFields() {
        String instructor = Fixtures.instructor();
        String slug = unique("patch");
        String id = api().body(courseWith(slug, instructor)).post(COURSES).then().extract().path("id");
        Map<String, Object> patch = new HashMap<>();
        patch.put("title", UPDATED_TITLE);
        patch.put("seatCapacity", null);
        patch.put("price", Map.of("amount", 0));

        api().contentType("application/merge-patch+json").body(patch).patch(COURSES + "/{id}", id)
                .then().statusCode(200)
                .body("title", equalTo(UPDATED_TITLE)).body("seatCapacity", nullValue())
                .body("price.amount", equalTo(0)).body("price.currency", equalTo("EUR"))
                .body("slug", equalTo(slug)).body("description", equalTo("Queries, joins and indexes."));
    }

    @Test
    void listFiltersByStatusInstructorAndText() {
        String instructor = Fixtures.instructor();
        String marker = unique("Quokka");
        String draft = Fixtures.course(instructor, marker + " drafts", 0);
        String published = Fixtures.course(instructor, "Published " + marker, 100);
        Fixtures.lesson(published, "Lesson", true);
        api().post(COURSES + "/{id}/publish", published).then().statusCode(200);

        api().queryParam("instructorId", instructor).get(COURSES)
                .then().statusCode(200).body("items.id", contains(draft, published));
        api().queryParam("instructorId", instructor).queryParam("status", "published").get(COURSES)
                .then().statusCode(200).body("items.id", contains(published));
        api().queryParam("q", marker.toLowerCase()).queryParam("sort", "-price").get(COURSES)
                .then().statusCode(200).body("items.id", contains(published, draft));
        api().queryParam("status", "draft").queryParam("limit", 100).get(COURSES)
                .then().statusCode(200).body("items.status", everyItem(equalTo("draft")));
    }
}
