package dev.campus;

import static dev.campus.support.Api.unchecked;
import static dev.campus.support.Api.api;
import static dev.campus.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.campus.support.Contract;
import dev.campus.support.Fixtures;
import dev.campus.support.Tokens;
import dev.campus.support.Samples;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * RFC 9110 conditional reads on every read whose contract declares a 304, one case per operation of the served
 * document: an If-None-Match naming the current version is a 304 without a body; one naming another version is
 * the 200 with the current ETag. A caller who may not see the resource learns nothing from a conditional read: the
 * current ETag gets them the answer they get without it (401 or 404), never a 304 (a 304 is answered from the
 * version alone, without loading the resource, so this guards that shortcut's visibility rule).
 */
@QuarkusTest
class ConditionalReadsTest {

    static Samples samples;

    @BeforeEach
    void createSamplesOnce() {
        if (samples == null) {
            samples = Samples.create();
        }
    }

    static List<Contract.Operation> conditionalReads() {
        return Contract.operations().stream().filter(operation -> operation.responses().contains("304")).toList();
    }

    @TestFactory
    Stream<DynamicTest> ifNoneMatchNamingTheCurrentVersionIs304AndAnotherVersionIs200() {
        return conditionalReads().stream().map(operation -> DynamicTest.dynamicTest(operation.toString(), () -> {
            String path = samples.path(operation);
            String current = api().get(path).then().statusCode(200).extract().header("ETag");
            assertThat(current).as(path + " answers an ETag").isNotBlank();

            Response notModified = api().header("If-None-Match", current).get(path).andReturn();
            assertThat(notModified.statusCode()).as(path + " with If-None-Match: " + current).isEqualTo(304);
            assertThat(notModified.asString()).as(path + ": a 304 has no body").isEmpty();

            Response other = api().header("If-None-Match", "\"999999\"").get(path).andReturn();
            assertThat(other.statusCode()).as(path + " with If-None-Match: \"999999\"").isEqualTo(200);
            assertThat(other.header("ETag")).isEqualTo(current);
        }));
    }

    @TestFactory
    Stream<DynamicTest> aCallerWhoMayNotSeeTheResourceGetsNo304() {
        String otherStudent = Tokens.forUser(Fixtures.user("student"), "student");
        String otherInstructor = Tokens.forUser(Fixtures.instructor(), "instructor");
        return conditionalReads().stream().map(operation -> DynamicTest.dynamicTest(operation.toString(), () -> {
            String path = samples.path(operation);
            String current = api().get(path).then().statusCode(200).extract().header("ETag");
            for (String token : java.util.Arrays.asList(null, otherStudent, otherInstructor)) {
                int without = unchecked(token).get(path).statusCode();
                int with = unchecked(token).header("If-None-Match", current).get(path).statusCode();
                String caller = token == null ? "an anonymous caller" : token == otherStudent ? "another student" : "another instructor";
                assertThat(with).as(path + " for " + caller + ", who gets " + without + " without If-None-Match")
                        .isEqualTo(without == 200 ? 304 : without);
            }
        }));
    }

    @Test
    void aDraftCourseAndItsUnpublishedLessonGiveOutsidersNo304() {
        String instructor = Fixtures.instructor();
        String draft = Fixtures.course(instructor);
        String lesson = Fixtures.lesson(draft, "Hidden", false);
        String slug = api().get("/api/v1/courses/{id}", draft).then().statusCode(200).extract().path("slug");
        String otherInstructor = Tokens.forUser(Fixtures.instructor(), "instructor");
        String student = Tokens.forUser(Fixtures.user("student"), "student");
        for (String path : List.of("/api/v1/courses/" + draft, "/api/v1/courses/by-slug/" + slug,
                "/api/v1/courses/" + draft + "/lessons/" + lesson)) {
            String current = api().get(path).then().statusCode(200).extract().header("ETag");
            for (String token : java.util.Arrays.asList(null, student, otherInstructor)) {
                assertThat(unchecked(token).header("If-None-Match", current).get(path).statusCode()).as(path).isEqualTo(404);
            }
            assertThat(as(Tokens.forUser(instructor, "instructor")).header("If-None-Match", current).get(path).statusCode())
                    .as(path + " for its instructor").isEqualTo(304);
        }
    }

    @Test
    void theReadsThatDeclare304AreTheSingleResourceReads() {
        assertThat(conditionalReads()).extracting(Contract.Operation::id)
                .containsExactlyInAnyOrder("getUser", "getCourse", "getCourseBySlug", "getLesson", "getEnrollment", "getInvoice",
                        "getWebhookEndpoint");
    }
}
