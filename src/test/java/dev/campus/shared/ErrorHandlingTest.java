package dev.campus.shared;

import static dev.campus.support.Api.api;
import static dev.campus.support.Api.apiWithInvalidRequest;
import static dev.campus.support.Fixtures.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.campus.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every error is an RFC 9457 problem (application/problem+json with title, status, detail or violations, and
 * instance); its status says what went wrong; nothing a client sends produces a 500; no body reveals internals.
 * Paths below use the placeholders {user}, {course} and {lesson}: resources created once for this class.
 */
@QuarkusTest
class ErrorHandlingTest {

    static final String USERS = "/api/v1/users";
    static final String COURSES = "/api/v1/courses";
    static final String LESSONS = "/api/v1/courses/{course}/lessons";
    static final String USER = USERS + "/{user}";
    static final String COURSE = COURSES + "/{course}";
    static final String LESSON = LESSONS + "/{lesson}";
    static final String REORDER = LESSONS + "/reorder";

    static final String JSON = "application/json";
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String PROBLEM_JSON = "application/problem+json";

    /** Well-formed, but no resource has it. */
    static final String UNKNOWN_ID = "0190b4a2-7d1e-7c3a-9f1b-2b6f0c1d2e3f";
    /** What an error body must never contain: exception names, stack frames, SQL, Java class names. */
    static final List<String> INTERNALS = List.of("Exception", "at dev.", "org.hibernate", "SQL", "java.", "dev.campus.");
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** Bodies are read with Jackson: REST-assured's GPath costs tens of milliseconds per expression. */
    static final ObjectMapper JSON_MAPPER = new ObjectMapper();

    static final String VALID_USER = "{\"email\": \"error.handling@example.com\", \"displayName\": \"Error Handling\", \"role\": \"student\"}";
    static final String VALID_LESSON = "{\"title\": \"Error handling\", \"durationMinutes\": 10}";
    static final String EMPTY_MERGE_PATCH = "{}";

    static String userId;
    static String instructorId;
    static String courseId;
    static String lessonId;

    @BeforeEach
    void createSharedResourcesOnce() {
        if (userId == null) {
            userId = Fixtures.user("student");
            instructorId = Fixtures.instructor();
            courseId = Fixtures.course(instructorId);
            lessonId = Fixtures.lesson(courseId, "Errors", false);
        }
    }

    static String validCourse() {
        return "{\"slug\": \"" + unique("errors").toLowerCase() + "\", \"title\": \"Errors\", \"instructorId\": \"" + instructorId
                + "\", \"price\": {\"amount\": 4900, \"currency\": \"EUR\"}}";
    }

    static String resolve(String path) {
        return path.replace("{user}", userId).replace("{course}", courseId).replace("{lesson}", lessonId);
    }

    static Response send(RequestSpecification request, String method, String path) {
        return request.request(method, resolve(path));
    }

    /** The response is a problem with this status that names the request path and reveals no internals. */
    static JsonNode assertProblem(Response response, int status, String method, String path) {
        String body = response.asString();
        String exchange = method + " " + resolve(path) + " answered " + response.statusCode() + " " + response.contentType() + ": " + body;
        assertThat(exchange, response.statusCode(), equalTo(status));
        assertThat(exchange, response.contentType(), startsWith(PROBLEM_JSON));
        for (String internal : INTERNALS) {
            assertThat("the error body reveals internals (" + internal + "): " + exchange, body, not(containsString(internal)));
        }
        JsonNode problem = json(body);
        assertThat("status: " + exchange, problem.path("status").isInt() ? problem.path("status").intValue() : null, equalTo(status));
        assertThat("title: " + exchange, problem.path("title").asText(""), not(emptyOrNullString()));
        assertThat("instance: " + exchange, problem.path("instance").asText(null), equalTo(resolve(path).replaceFirst("\\?.*", "")));
        assertThat("detail or violations: " + exchange, problem.hasNonNull("detail") || problem.path("violations").size() > 0, equalTo(true));
        return problem;
    }

    /** A 400 whose violations name the offending input, where it was and what is wrong with it. */
    static JsonNode assertInvalid(Response response, String method, String path, String in, String field) {
        JsonNode problem = assertProblem(response, 400, method, path);
        List<JsonNode> named = new ArrayList<>();
        problem.path("violations").forEach(violation -> {
            if (field.equals(violation.path("field").asText(null))) {
                named.add(violation);
            }
        });
        String exchange = method + " " + resolve(path) + " answered " + problem;
        assertThat("violations name " + field + ": " + exchange, named, not(empty()));
        assertThat("the violation says where " + field + " was: " + exchange, named.get(0).path("in").asText(null), equalTo(in));
        assertThat("the violation says what is wrong: " + exchange, named.get(0).path("message").asText(""), not(emptyOrNullString()));
        return problem;
    }

    static List<String> violatedFields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("violations").forEach(violation -> fields.add(violation.path("field").asText(null)));
        return fields;
    }

    static JsonNode json(String body) {
        try {
            return JSON_MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    static String base64Url(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    // ---- request bodies -------------------------------------------------------------------------------------

    /** Every operation that takes a JSON body, with the media type it consumes. */
    static Stream<Arguments> bodyOperations() {
        return Stream.of(
                Arguments.of("POST", USERS, JSON),
                Arguments.of("PUT", USER, JSON),
                Arguments.of("PATCH", USER, MERGE_PATCH),
                Arguments.of("POST", COURSES, JSON),
                Arguments.of("PUT", COURSE, JSON),
                Arguments.of("PATCH", COURSE, MERGE_PATCH),
                Arguments.of("POST", LESSONS, JSON),
                Arguments.of("PUT", LESSON, JSON),
                Arguments.of("PATCH", LESSON, MERGE_PATCH),
                Arguments.of("POST", REORDER, JSON));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("bodyOperations")
    void malformedJsonIs400(String method, String path, String mediaType) {
        Response response = send(apiWithInvalidRequest().contentType(mediaType).body("{\"title\": \"Unclosed"), method, path);
        assertProblem(response, 400, method, path);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("bodyOperations")
    void aJsonArrayInsteadOfAnObjectIs400(String method, String path, String mediaType) {
        Response response = send(apiWithInvalidRequest().contentType(mediaType).body("[{\"title\": \"In an array\"}]"), method, path);
        assertProblem(response, 400, method, path);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("bodyOperations")
    void trailingGarbageAfterTheJsonIs400(String method, String path, String mediaType) {
        Response response = send(apiWithInvalidRequest().contentType(mediaType).body("{} trailing"), method, path);
        assertProblem(response, 400, method, path);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("bodyOperations")
    void aSecondJsonDocumentAfterTheFirstIs400(String method, String path, String mediaType) {
        Response response = send(apiWithInvalidRequest().contentType(mediaType).body("{} {}"), method, path);
        assertProblem(response, 400, method, path);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("bodyOperations")
    void anEmptyBodyIs400(String method, String path, String mediaType) {
        Response response = send(apiWithInvalidRequest().contentType(mediaType), method, path);
        assertProblem(response, 400, method, path);
    }

    static Stream<Arguments> wrongJsonTypes() {
        return Stream.of(
                Arguments.of("POST", USERS, JSON, "{\"email\": \"types@example.com\", \"displayName\": 5, \"role\": \"student\"}", "displayName"),
                Arguments.of("POST", USERS, JSON, "{\"email\": [\"types@example.com\"], \"displayName\": \"Types\", \"role\": \"student\"}", "email"),
                Arguments.of("PATCH", USER, MERGE_PATCH, "{\"displayName\": 5}", "displayName"),
                Arguments.of("POST", COURSES, JSON, "{\"slug\": \"types\", \"title\": \"Types\", \"instructorId\": \"" + UNKNOWN_ID
                        + "\", \"price\": {\"amount\": \"5\", \"currency\": \"EUR\"}}", "price.amount"),
                Arguments.of("POST", COURSES, JSON, "{\"slug\": \"types\", \"title\": \"Types\", \"instructorId\": \"" + UNKNOWN_ID
                        + "\", \"price\": {\"amount\": 5.5, \"currency\": \"EUR\"}}", "price.amount"),
                Arguments.of("POST", COURSES, JSON, "{\"slug\": \"types\", \"title\": true, \"instructorId\": \"" + UNKNOWN_ID
                        + "\", \"price\": {\"amount\": 5, \"currency\": \"EUR\"}}", "title"),
                Arguments.of("POST", COURSES, JSON, "{\"slug\": \"types\", \"title\": \"Types\", \"instructorId\": \"not-a-uuid\""
                        + ", \"price\": {\"amount\": 5, \"currency\": \"EUR\"}}", "instructorId"),
                Arguments.of("POST", COURSES, JSON, "{\"slug\": \"types\", \"title\": \"Types\", \"instructorId\": \"" + UNKNOWN_ID
                        + "\", \"price\": \"5 EUR\"}", "price"),
                Arguments.of("PATCH", COURSE, MERGE_PATCH, "{\"seatCapacity\": \"30\"}", "seatCapacity"),
                Arguments.of("POST", LESSONS, JSON, "{\"title\": \"Types\", \"durationMinutes\": \"10\"}", "durationMinutes"),
                Arguments.of("POST", LESSONS, JSON, "{\"title\": \"Types\", \"durationMinutes\": 10, \"published\": \"true\"}", "published"),
                Arguments.of("POST", LESSONS, JSON, "{\"title\": \"Types\", \"durationMinutes\": 10, \"published\": 1}", "published"),
                Arguments.of("PATCH", LESSON, MERGE_PATCH, "{\"durationMinutes\": \"10\"}", "durationMinutes"),
                Arguments.of("PATCH", LESSON, MERGE_PATCH, "{\"published\": \"true\"}", "published"),
                Arguments.of("POST", REORDER, JSON, "{\"lessonIds\": \"all of them\"}", "lessonIds"));
    }

    @ParameterizedTest(name = "{0} {1} {3}")
    @MethodSource("wrongJsonTypes")
    void aFieldOfTheWrongJsonTypeIs400NamingTheField(String method, String path, String mediaType, String body, String field) {
        Response response = send(apiWithInvalidRequest().contentType(mediaType).body(body), method, path);
        assertInvalid(response, method, path, "body", field);
    }

    static Stream<Arguments> unknownFields() {
        return Stream.of(
                Arguments.of("POST", USERS, JSON, "{\"email\": \"unknown@example.com\", \"displayName\": \"Unknown\", \"role\": \"student\", \"nickname\": \"x\"}", "nickname"),
                Arguments.of("PUT", USER, JSON, "{\"email\": \"unknown@example.com\", \"displayName\": \"Unknown\", \"role\": \"student\", \"nickname\": \"x\"}", "nickname"),
                Arguments.of("PATCH", USER, MERGE_PATCH, "{\"nickname\": \"x\"}", "nickname"),
                Arguments.of("PATCH", COURSE, MERGE_PATCH, "{\"rating\": 5}", "rating"),
                Arguments.of("POST", LESSONS, JSON, "{\"title\": \"Unknown\", \"durationMinutes\": 10, \"videoUrl\": \"x\"}", "videoUrl"),
                Arguments.of("PATCH", LESSON, MERGE_PATCH, "{\"videoUrl\": \"x\"}", "videoUrl"),
                Arguments.of("POST", REORDER, JSON, "{\"lessonIds\": [], \"force\": true}", "force"));
    }

    @ParameterizedTest(name = "{0} {1} {3}")
    @MethodSource("unknownFields")
    void anUnknownJsonFieldIs400NamingTheField(String method, String path, String mediaType, String body, String field) {
        Response response = send(apiWithInvalidRequest().contentType(mediaType).body(body), method, path);
        assertInvalid(response, method, path, "body", field);
    }

    @Test
    void anUnknownFieldInANestedObjectIs400() {
        String body = validCourse().replace("\"currency\": \"EUR\"", "\"currency\": \"EUR\", \"vat\": 19");
        Response response = apiWithInvalidRequest().contentType(JSON).body(body).post(COURSES);
        assertInvalid(response, "POST", COURSES, "body", "price.vat");
    }

    @Test
    void duplicateKeysInABodyAre400() {
        String body = "{\"email\": \"" + unique("first") + "@example.com\", \"email\": \"" + unique("second")
                + "@example.com\", \"displayName\": \"Duplicate\", \"role\": \"student\"}";
        assertProblem(apiWithInvalidRequest().contentType(JSON).body(body).post(USERS), 400, "POST", USERS);
        assertProblem(apiWithInvalidRequest().contentType(MERGE_PATCH).body("{\"bio\": \"a\", \"bio\": \"b\"}").patch(resolve(USER)),
                400, "PATCH", USER);
    }

    static Stream<Arguments> badEnumsInBodies() {
        return Stream.of(
                Arguments.of("POST", USERS, JSON, "{\"email\": \"enum@example.com\", \"displayName\": \"Enum\", \"role\": \"boss\"}"),
                Arguments.of("POST", USERS, JSON, "{\"email\": \"enum@example.com\", \"displayName\": \"Enum\", \"role\": \"STUDENT\"}"),
                Arguments.of("POST", USERS, JSON, "{\"email\": \"enum@example.com\", \"displayName\": \"Enum\", \"role\": 0}"),
                Arguments.of("PUT", USER, JSON, "{\"email\": \"enum@example.com\", \"displayName\": \"Enum\", \"role\": \"boss\"}"),
                Arguments.of("PATCH", USER, MERGE_PATCH, "{\"role\": \"boss\"}"));
    }

    @ParameterizedTest(name = "{0} {1} {3}")
    @MethodSource("badEnumsInBodies")
    void anUnknownEnumValueInABodyIs400NamingTheField(String method, String path, String mediaType, String body) {
        Response response = send(apiWithInvalidRequest().contentType(mediaType).body(body), method, path);
        assertInvalid(response, method, path, "body", "role");
    }

    // ---- path parameters ------------------------------------------------------------------------------------

    static Stream<Arguments> badPathIds() {
        return Stream.of(
                Arguments.of("GET", USERS + "/not-a-uuid", "id"),
                Arguments.of("GET", USERS + "/1-1-1-1-1", "id"),
                Arguments.of("GET", USERS + "/" + UNKNOWN_ID + "0", "id"),
                Arguments.of("PUT", USERS + "/not-a-uuid", "id"),
                Arguments.of("PATCH", USERS + "/not-a-uuid", "id"),
                Arguments.of("DELETE", USERS + "/not-a-uuid", "id"),
                Arguments.of("GET", COURSES + "/not-a-uuid", "id"),
                Arguments.of("PUT", COURSES + "/not-a-uuid", "id"),
                Arguments.of("DELETE", COURSES + "/not-a-uuid", "id"),
                Arguments.of("POST", COURSES + "/not-a-uuid/publish", "id"),
                Arguments.of("POST", COURSES + "/not-a-uuid/archive", "id"),
                Arguments.of("GET", COURSES + "/not-a-uuid/lessons", "courseId"),
                Arguments.of("POST", COURSES + "/not-a-uuid/lessons", "courseId"),
                Arguments.of("POST", COURSES + "/not-a-uuid/lessons/reorder", "courseId"),
                Arguments.of("GET", COURSES + "/not-a-uuid/lessons/{lesson}", "courseId"),
                Arguments.of("GET", LESSONS + "/not-a-uuid", "lessonId"),
                Arguments.of("PUT", LESSONS + "/not-a-uuid", "lessonId"),
                Arguments.of("PATCH", LESSONS + "/not-a-uuid", "lessonId"),
                Arguments.of("DELETE", LESSONS + "/not-a-uuid", "lessonId"));
    }

    /** Bodies that would be valid, so that only the path is wrong. */
    static RequestSpecification withValidBodyFor(RequestSpecification request, String method, String path) {
        if (method.equals("PATCH")) {
            return request.contentType(MERGE_PATCH).body(EMPTY_MERGE_PATCH);
        }
        if (method.equals("PUT") || method.equals("POST")) {
            String body = path.endsWith("/publish") || path.endsWith("/archive") ? null
                    : path.endsWith("/reorder") ? "{\"lessonIds\": []}"
                    : path.startsWith(USERS) ? VALID_USER
                    : path.contains("/lessons") ? VALID_LESSON
                    : validCourse();
            request.contentType(JSON);
            return body == null ? request : request.body(body);
        }
        return request;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badPathIds")
    void aMalformedIdInThePathIs400NamingThePathParameter(String method, String path, String parameter) {
        Response response = send(withValidBodyFor(apiWithInvalidRequest(), method, path), method, path);
        JsonNode problem = assertProblem(response, 400, method, path);
        assertThat(problem.toString(), problem.at("/violations/0/in").asText(null), equalTo("path"));
        assertThat(problem.toString(), problem.at("/violations/0/field").asText(null), equalTo(parameter));
    }

    static Stream<Arguments> unknownIds() {
        String user = USERS + "/" + UNKNOWN_ID;
        String course = COURSES + "/" + UNKNOWN_ID;
        String lessonsOfUnknownCourse = course + "/lessons";
        String lesson = LESSONS + "/" + UNKNOWN_ID;
        return Stream.of(
                Arguments.of("GET", user), Arguments.of("PUT", user), Arguments.of("PATCH", user), Arguments.of("DELETE", user),
                Arguments.of("GET", course), Arguments.of("PUT", course), Arguments.of("PATCH", course), Arguments.of("DELETE", course),
                Arguments.of("POST", course + "/publish"), Arguments.of("POST", course + "/archive"),
                Arguments.of("GET", lessonsOfUnknownCourse), Arguments.of("POST", lessonsOfUnknownCourse),
                Arguments.of("POST", lessonsOfUnknownCourse + "/reorder"),
                Arguments.of("GET", lessonsOfUnknownCourse + "/{lesson}"),
                Arguments.of("GET", lesson), Arguments.of("PUT", lesson), Arguments.of("PATCH", lesson), Arguments.of("DELETE", lesson));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unknownIds")
    void anUnknownButWellFormedIdIs404(String method, String path) {
        Response response = send(withValidBodyFor(api(), method, path), method, path);
        assertProblem(response, 404, method, path);
    }

    @Test
    void anUnknownSlugIs404() {
        String path = COURSES + "/by-slug/" + unique("no-such-course").toLowerCase();
        assertProblem(api().get(path), 404, "GET", path);
    }

    // ---- query parameters -----------------------------------------------------------------------------------

    static Stream<Arguments> badQueryParameters() {
        return Stream.of(
                Arguments.of(USERS, "role", "boss"),
                Arguments.of(USERS, "role", "STUDENT"),
                Arguments.of(COURSES, "status", "nope"),
                Arguments.of(COURSES, "instructorId", "x"),
                Arguments.of(COURSES, "instructorId", "1-1-1-1-1"),
                Arguments.of(USERS, "sort", "title"),
                Arguments.of(USERS, "sort", "-"),
                Arguments.of(USERS, "sort", "--name"),
                Arguments.of(USERS, "sort", "createdAt,name"),
                Arguments.of(COURSES, "sort", "name"),
                Arguments.of(COURSES, "sort", "-"),
                Arguments.of(COURSES, "sort", "price.amount"),
                Arguments.of(LESSONS, "sort", "title"),
                Arguments.of(LESSONS, "sort", "-"),
                Arguments.of(USERS, "limit", "0"),
                Arguments.of(USERS, "limit", "101"),
                Arguments.of(USERS, "limit", "-1"),
                Arguments.of(USERS, "limit", "abc"),
                Arguments.of(USERS, "limit", "1.5"),
                Arguments.of(COURSES, "limit", "0"),
                Arguments.of(COURSES, "limit", "101"),
                Arguments.of(COURSES, "limit", "-1"),
                Arguments.of(COURSES, "limit", "abc"),
                Arguments.of(LESSONS, "limit", "0"),
                Arguments.of(LESSONS, "limit", "101"),
                Arguments.of(LESSONS, "limit", "-1"),
                Arguments.of(LESSONS, "limit", "abc"),
                Arguments.of(USERS, "cursor", "garbage!!"),
                Arguments.of(USERS, "cursor", base64Url("junk")),
                Arguments.of(USERS, "cursor", base64Url("createdAt\nnot-a-uuid\nnot-an-instant")),
                Arguments.of(USERS, "cursor", base64Url("createdAt\n" + UNKNOWN_ID + "\nyesterday")),
                Arguments.of(COURSES, "cursor", base64Url("createdAt\n" + UNKNOWN_ID + "\n2025-13-45T99:00:00Z")),
                Arguments.of(COURSES, "cursor", base64Url("createdAt\n" + UNKNOWN_ID)),
                Arguments.of(LESSONS, "cursor", base64Url("position\n" + UNKNOWN_ID + "\nfirst")));
    }

    @ParameterizedTest(name = "{0}?{1}={2}")
    @MethodSource("badQueryParameters")
    void aMalformedQueryParameterIs400NamingIt(String path, String parameter, String value) {
        Response response = apiWithInvalidRequest().queryParam(parameter, value).get(resolve(path));
        assertInvalid(response, "GET", path, "query", parameter);
    }

    @ParameterizedTest
    @ValueSource(strings = { "1", "100" })
    void theLimitsOfLimitAreAccepted(String limit) {
        for (String path : List.of(USERS, COURSES, LESSONS)) {
            Response response = api().queryParam("limit", limit).get(resolve(path));
            assertThat(response.asString(), response.statusCode(), equalTo(200));
            assertThat(response.asString(), json(response.asString()).path("items").isArray(), equalTo(true));
        }
    }

    @Test
    void aCursorIssuedForAnotherSortOrderIs400() {
        String instructor = Fixtures.instructor();
        Fixtures.course(instructor, "Cursor A", 100);
        Fixtures.course(instructor, "Cursor B", 200);
        String titleCursor = api().queryParam("instructorId", instructor).queryParam("sort", "title").queryParam("limit", 1)
                .get(COURSES).then().statusCode(200).extract().path("nextCursor");
        assertThat(titleCursor, notNullValue());

        for (String otherSort : List.of("-title", "price", "createdAt")) {
            Response response = apiWithInvalidRequest().queryParam("instructorId", instructor).queryParam("sort", otherSort)
                    .queryParam("cursor", titleCursor).get(COURSES);
            assertInvalid(response, "GET", COURSES, "query", "cursor");
        }
        Response withoutSort = apiWithInvalidRequest().queryParam("instructorId", instructor).queryParam("cursor", titleCursor).get(COURSES);
        assertInvalid(withoutSort, "GET", COURSES, "query", "cursor");
    }

    // ---- media types, size, routing -------------------------------------------------------------------------

    static Stream<Arguments> wrongContentTypes() {
        return Stream.of(
                Arguments.of("POST", USERS, "text/plain", "email=x"),
                Arguments.of("POST", USERS, "application/xml", "<user/>"),
                Arguments.of("PUT", USER, "text/plain", "email=x"),
                Arguments.of("PATCH", USER, JSON, "{\"bio\": \"JSON is not a merge patch\"}"),
                Arguments.of("POST", COURSES, "application/xml", "<course/>"),
                Arguments.of("POST", COURSES, "text/plain", "title=x"),
                Arguments.of("POST", LESSONS, "text/plain", "title=x"),
                Arguments.of("POST", LESSONS, "application/xml", "<lesson/>"),
                Arguments.of("PATCH", LESSON, "application/xml", "<lesson/>"),
                Arguments.of("POST", REORDER, "text/plain", "1,2,3"));
    }

    @ParameterizedTest(name = "{0} {1} as {2}")
    @MethodSource("wrongContentTypes")
    void aBodyOfAMediaTypeTheOperationDoesNotConsumeIs415(String method, String path, String mediaType, String body) {
        Response response = send(apiWithInvalidRequest().contentType(mediaType).body(body), method, path);
        assertProblem(response, 415, method, path);
    }

    static Stream<Arguments> xmlAccepted() {
        return Stream.of(Arguments.of("GET", USERS), Arguments.of("GET", USER), Arguments.of("GET", COURSES), Arguments.of("GET", COURSE),
                Arguments.of("GET", LESSONS), Arguments.of("GET", LESSON), Arguments.of("POST", USERS));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("xmlAccepted")
    void anAcceptHeaderAllowingOnlyXmlIs406(String method, String path) {
        RequestSpecification request = apiWithInvalidRequest().accept("application/xml");
        if (method.equals("POST")) {
            request.contentType(JSON).body("{\"email\": \"" + unique("xml") + "@example.com\", \"displayName\": \"Xml\", \"role\": \"student\"}");
        }
        assertProblem(send(request, method, path), 406, method, path);
    }

    static Stream<Arguments> largeBodies() {
        return Stream.of(Arguments.of("POST", USERS), Arguments.of("PUT", USER), Arguments.of("POST", LESSONS), Arguments.of("PUT", LESSON));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("largeBodies")
    void aBodyOver64KiBIs413(String method, String path) {
        String huge = "{\"bio\": \"" + "x".repeat(MAX_BODY_BYTES) + "\"}";
        // A String body goes out with a Content-Length header.
        Response response = send(apiWithInvalidRequest().contentType(JSON).body(huge), method, path);
        assertProblem(response, 413, method, path);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/v1/nothing-here", "/api/v2/users", "/api/v1/users/" + UNKNOWN_ID + "/friends", "/nothing" })
    void anUnknownPathIs404(String path) {
        // Plain REST-assured: the spec has no operation to validate this exchange against.
        assertProblem(RestAssured.given().get(path), 404, "GET", path);
    }

    static Stream<Arguments> wrongMethods() {
        return Stream.of(
                Arguments.of("DELETE", USERS), Arguments.of("PUT", USERS), Arguments.of("PATCH", USERS),
                Arguments.of("POST", USER),
                Arguments.of("DELETE", COURSES), Arguments.of("PUT", COURSES),
                Arguments.of("POST", COURSE), Arguments.of("GET", COURSE + "/publish"), Arguments.of("DELETE", COURSE + "/archive"),
                Arguments.of("DELETE", LESSONS), Arguments.of("PUT", LESSONS),
                Arguments.of("POST", LESSON));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("wrongMethods")
    void aMethodThePathDoesNotSupportIs405(String method, String path) {
        // Plain REST-assured: the spec has no operation for this method to validate the exchange against.
        RequestSpecification request = RestAssured.given();
        if (!method.equals("GET") && !method.equals("DELETE")) {
            request.contentType(JSON).body("{}");
        }
        assertProblem(send(request, method, path), 405, method, path);
    }

    // ---- a refused request has no effect --------------------------------------------------------------------

    @Test
    void aRejectedReplaceChangesNeitherTheResourceNorItsETag() {
        String email = unique("unchanged") + "@example.com";
        String user = api().body(Map.of("email", email, "displayName", "Unchanged", "role", "student")).post(USERS)
                .then().statusCode(201).header("ETag", "\"0\"").extract().path("id");
        Map<String, Object> replacement = new HashMap<>(Map.of("email", unique("changed") + "@example.com", "displayName", "Changed",
                "role", "admin", "bio", "Changed", "timeZone", "Mars/Olympus_Mons"));

        Response refused = apiWithInvalidRequest().contentType(JSON).header("If-Match", "\"0\"").body(replacement).put(USERS + "/" + user);
        assertThat(violatedFields(assertProblem(refused, 400, "PUT", USERS + "/" + user)), hasItem("timeZone"));

        api().get(USERS + "/{id}", user).then().statusCode(200).header("ETag", "\"0\"")
                .body("email", equalTo(email)).body("displayName", equalTo("Unchanged")).body("role", equalTo("student"));
    }

    @Test
    void aRejectedCourseReplaceOrLessonPatchChangesNothing() {
        String instructor = Fixtures.instructor();
        String course = Fixtures.course(instructor, "Kept title", 1500);
        String lesson = Fixtures.lesson(course, "Kept lesson", false);
        Map<String, Object> replacement = Map.of("slug", unique("changed"), "title", "Changed title", "instructorId", instructor,
                "price", Map.of("amount", -1, "currency", "EUR"));

        Response refusedCourse = apiWithInvalidRequest().contentType(JSON).header("If-Match", "\"0\"").body(replacement)
                .put(COURSES + "/" + course);
        assertThat(violatedFields(assertProblem(refusedCourse, 400, "PUT", COURSES + "/" + course)), hasItem("price.amount"));
        Response refusedLesson = apiWithInvalidRequest().contentType(MERGE_PATCH).header("If-Match", "\"0\"")
                .body(Map.of("title", "Changed lesson", "durationMinutes", 0)).patch(COURSES + "/" + course + "/lessons/" + lesson);
        assertThat(violatedFields(assertProblem(refusedLesson, 400, "PATCH", COURSES + "/" + course + "/lessons/" + lesson)),
                hasItem("durationMinutes"));

        api().get(COURSES + "/{id}", course).then().statusCode(200).header("ETag", "\"0\"")
                .body("title", equalTo("Kept title")).body("price.amount", equalTo(1500));
        api().get(COURSES + "/{course}/lessons/{lesson}", course, lesson).then().statusCode(200).header("ETag", "\"0\"")
                .body("title", equalTo("Kept lesson")).body("durationMinutes", equalTo(10));
    }
}
