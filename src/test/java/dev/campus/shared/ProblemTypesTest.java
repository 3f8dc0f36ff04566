package dev.campus.shared;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static dev.campus.support.Api.api;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dev.campus.support.Contract;
import dev.campus.support.RawHttp;
import dev.campus.support.Fixtures;
import dev.campus.support.Tokens;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The problem types are one catalogue ({@link ProblemType}) that clients can read and rely on: the API guide's table and
 * the served OpenAPI document list exactly its types; every error response of the contract shows examples of types
 * of its own status (a 409 or 422 the types its operation can raise); problems are built only from the catalogue;
 * and real requests, one for each cause that can be provoked over HTTP, answer with the type of their cause, whose
 * title and status are the catalogue's. createEnrollment's three conflicts are three types.
 */
@QuarkusTest
class ProblemTypesTest {

    static final Path API_GUIDE = Path.of("docs/api.md");
    static final String API_GUIDE_HEADING = "## Problem types";
    static final Path EXPECTED_TABLE = Path.of("target/problem-types.md");
    static final String PROBLEM_JSON = "application/problem+json";
    static final String EXAMPLES_REF = "#/components/examples/";
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Types no request below provokes, and why. A new type must be provoked here, or be listed with its reason.
     */
    static final Map<ProblemType, String> NOT_PROVOKED_HERE = Map.of(
            ProblemType.CONFLICT, "the answer to a constraint no feature explains; every constraint has an answer",
            ProblemType.TRANSITION_REFUSED, "the database's transition triggers stand behind checks in Java that answer first",
            ProblemType.PRICE_ABOVE_MAXIMUM, "needs a legacy row priced above the bound: MoneyBoundsTest",
            ProblemType.AMOUNT_ABOVE_MAXIMUM, "a payment must equal its invoice, and amounts above the bound are a 400 first",
            ProblemType.INTERNAL, "nothing a client sends causes one",
            ProblemType.DATABASE_UNAVAILABLE, "needs the database gone: DatabaseOutageIT, DatabaseHangIT",
            ProblemType.COMMIT_OUTCOME_UNKNOWN, "needs the database lost while a commit is in flight: DatabaseOutageIT");

    // ---- the catalogue, the API guide and the contract agree ------------------------------------------------------

    static String apiGuideRow(ProblemType type) {
        return "| `" + type.uri() + "` | " + type.status() + " | " + type.title() + " | " + type.when() + " |";
    }

    @Test
    void theCatalogueIsWellFormed() {
        Set<String> titles = new HashSet<>();
        for (ProblemType type : ProblemType.values()) {
            assertThat(type.slug()).as(type.name()).matches("[a-z]+(-[a-z]+)*");
            assertThat(type.uri().toString()).isEqualTo("https://campus.dev/problems/" + type.slug());
            assertThat(type.status()).as(type.name()).isBetween(400, 599);
            assertThat(titles.add(type.title())).as("title of " + type + " is unique").isTrue();
            assertThat(type.when()).as(type.name()).isNotBlank().doesNotContain("|");
            assertThat(ProblemType.bySlug(type.slug())).contains(type);
            assertThat(ProblemType.byUri(type.uri())).contains(type);
        }
        for (int status = 400; status < 600; status++) {
            int code = status;
            ProblemType.forStatus(status).ifPresent(type -> assertThat(type.status()).as("general type of " + code).isEqualTo(code));
        }
    }

    @Test
    void theApiGuideTableIsTheCatalogue() throws IOException {
        List<String> lines = Files.readAllLines(API_GUIDE);
        int heading = lines.indexOf(API_GUIDE_HEADING);
        assertThat(heading).as(API_GUIDE + " has a section \"" + API_GUIDE_HEADING + "\"").isNotNegative();
        List<String> table = new ArrayList<>();
        int line = heading + 1;
        while (line < lines.size() && !lines.get(line).startsWith("|") && !lines.get(line).startsWith("#")) {
            line++;
        }
        for (; line < lines.size() && lines.get(line).startsWith("|"); line++) {
            table.add(lines.get(line));
        }
        List<String> expected = new ArrayList<>(List.of("| Type | Status | Title | When |", "|---|---|---|---|"));
        Arrays.stream(ProblemType.values()).map(ProblemTypesTest::apiGuideRow).forEach(expected::add);
        if (!table.equals(expected)) {
            Files.createDirectories(EXPECTED_TABLE.getParent());
            Files.writeString(EXPECTED_TABLE, String.join("\n", expected) + "\n");
            fail("The table under \"" + API_GUIDE_HEADING + "\" in " + API_GUIDE + " differs from dev.campus.shared.ProblemType."
                    + " Replace it with " + EXPECTED_TABLE + ":\n" + String.join("\n", expected));
        }
    }

    @Test
    void theServedContractListsEveryTypeWithItsStatusAndTitle() {
        JsonNode document = Contract.document();
        JsonNode examples = document.path("components").path("examples");
        Set<String> named = new TreeSet<>();
        examples.fieldNames().forEachRemaining(named::add);
        assertThat(named).as("components/examples").isEqualTo(Arrays.stream(ProblemType.values()).map(ProblemType::slug)
                .collect(Collectors.toCollection(TreeSet::new)));
        JsonNode problem = document.at("/components/schemas/Problem");
        String listing = problem.at("/properties/type/description").asText();
        for (ProblemType type : ProblemType.values()) {
            JsonNode value = examples.path(type.slug()).path("value");
            assertThat(value.path("type").asText()).as(type.slug()).isEqualTo(type.uri().toString());
            assertThat(value.path("title").asText()).as(type.slug()).isEqualTo(type.title());
            assertThat(value.path("status").asInt()).as(type.slug()).isEqualTo(type.status());
            assertThat(value.path("detail").asText()).as(type.slug()).isNotBlank();
            assertThat(listing).as("the Problem schema's type lists " + type.slug())
                    .contains("`" + type.uri() + "` (" + type.status() + ", " + type.title() + "): ");
        }
        assertThat(problem.path("required")).extracting(JsonNode::asText).contains("type", "title", "status");
        assertThat(extensions(problem, "/components/schemas/Problem")).as("the Problem schema has no x- extensions").isEmpty();
        assertThat(extensions(examples, "/components/examples")).as("the examples have no x- extensions").isEmpty();
    }

    static List<String> extensions(JsonNode node, String at) {
        List<String> found = new ArrayList<>();
        node.fields().forEachRemaining(field -> {
            if (field.getKey().startsWith("x-")) {
                found.add(at + "/" + field.getKey());
            }
            found.addAll(extensions(field.getValue(), at + "/" + field.getKey()));
        });
        return found;
    }

    @Test
    void everyErrorResponseShowsExamplesOfTypesOfItsOwnStatus() {
        List<String> offenders = new ArrayList<>();
        for (Contract.Operation operation : Contract.operations()) {
            JsonNode responses = Contract.document().path("paths").path(operation.path()).path(operation.method().toLowerCase()).path("responses");
            responses.fields().forEachRemaining(response -> {
                String code = response.getKey();
                if (!code.startsWith("4") && !code.startsWith("5")) {
                    return;
                }
                String where = operation + " " + code;
                JsonNode examples = response.getValue().path("content").path(PROBLEM_JSON).path("examples");
                if (examples.isEmpty()) {
                    offenders.add(where + " shows no example");
                }
                examples.fields().forEachRemaining(example -> {
                    String ref = example.getValue().path("$ref").asText();
                    ProblemType type = ref.startsWith(EXAMPLES_REF) ? ProblemType.bySlug(ref.substring(EXAMPLES_REF.length())).orElse(null) : null;
                    if (type == null || !type.slug().equals(example.getKey())) {
                        offenders.add(where + " example " + example.getKey() + " is not the catalogue's (" + ref + ")");
                    } else if (type.status() != Integer.parseInt(code)) {
                        offenders.add(where + " shows " + type.slug() + ", a " + type.status());
                    } else if ((code.equals("409") || code.equals("422")) && type == ProblemType.CONFLICT) {
                        offenders.add(where + " shows the general conflict, not the types the operation raises");
                    }
                });
            });
        }
        assertThat(offenders).as("every 4xx/5xx response shows examples of catalogue types of its own status").isEmpty();
        JsonNode conflicts = Contract.document().at("/paths/~1api~1v1~1enrollments/post/responses/409/content/application~1problem+json/examples");
        assertThat(conflicts.has("course-full") && conflicts.has("already-enrolled") && conflicts.has("course-not-published"))
                .as("createEnrollment's 409 shows course-full, already-enrolled and course-not-published: " + conflicts).isTrue();
    }

    @Test
    void problemsAreBuiltFromTheCatalogueOnly() {
        ArchConfiguration configuration = ArchConfiguration.get();
        boolean resolve = configuration.resolveMissingDependenciesFromClassPath();
        configuration.setResolveMissingDependenciesFromClassPath(false);
        try {
            noClasses().that().doNotHaveFullyQualifiedName(Problems.class.getName())
                    .should().callMethod(HttpProblem.class, "builder")
                    .because("a problem is built by Problems from a ProblemType (HttpProblem.builder(problem), a copy, is fine)")
                    .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.campus"));
        } finally {
            configuration.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    // ---- real requests answer with the type of their cause ---------------------------------------------------------

    final Map<ProblemType, String> provoked = new EnumMap<>(ProblemType.class);

    /** The response is a problem of this type, with the catalogue's title and status. */
    JsonNode assertType(String exchange, int status, String contentType, String body, ProblemType expected) {
        String answered = exchange + " answered " + status + " " + contentType + ": " + body;
        assertThat(status).as(answered).isEqualTo(expected.status());
        assertThat(contentType).as(answered).startsWith(PROBLEM_JSON);
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + answered, e);
        }
        assertThat(problem.path("type").asText()).as("type: " + answered).isEqualTo(expected.uri().toString());
        assertThat(problem.path("title").asText()).as("title: " + answered).isEqualTo(expected.title());
        assertThat(problem.path("status").asInt()).as("status: " + answered).isEqualTo(expected.status());
        assertThat(problem.path("detail").asText()).as("detail: " + answered).isNotBlank();
        provoked.putIfAbsent(expected, exchange);
        return problem;
    }

    JsonNode assertType(String exchange, Response response, ProblemType expected) {
        return assertType(exchange, response.statusCode(), response.contentType(), response.asString(), expected);
    }

    /** Not checked against the contract: several requests below are ones the contract does not describe. */
    static RequestSpecification as(String token) {
        RequestSpecification request = given().contentType("application/json");
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    static String admin() {
        return Tokens.admin();
    }

    static Map<String, Object> payment(String reference, long amount) {
        return Map.of("paymentReference", reference, "amount", Map.of("amount", amount, "currency", "EUR"));
    }

    @Test
    void createEnrollmentAnswersEachConflictWithATypeOfItsOwn() {
        String instructor = Fixtures.instructor();
        String full = Fixtures.publishedCourse(instructor, 0, 1);
        api().body(Map.of("userId", Fixtures.user("student"), "courseId", full)).post("/api/v1/enrollments").then().statusCode(201);
        JsonNode courseFull = assertType("enroll in a full course",
                api().body(Map.of("userId", Fixtures.user("student"), "courseId", full)).post("/api/v1/enrollments"), ProblemType.COURSE_FULL);

        String open = Fixtures.publishedCourse(instructor, 0, null);
        String student = Fixtures.user("student");
        api().body(Map.of("userId", student, "courseId", open)).post("/api/v1/enrollments").then().statusCode(201);
        JsonNode alreadyEnrolled = assertType("enroll twice",
                api().body(Map.of("userId", student, "courseId", open)).post("/api/v1/enrollments"), ProblemType.ALREADY_ENROLLED);

        String draft = Fixtures.course(instructor);
        JsonNode notPublished = assertType("enroll in a draft",
                api().body(Map.of("userId", student, "courseId", draft)).post("/api/v1/enrollments"), ProblemType.COURSE_NOT_PUBLISHED);
        String archived = Fixtures.publishedCourse(instructor, 0, null);
        api().post("/api/v1/courses/{id}/archive", archived).then().statusCode(200);
        assertType("enroll in an archived course",
                api().body(Map.of("userId", student, "courseId", archived)).post("/api/v1/enrollments"), ProblemType.COURSE_NOT_PUBLISHED);

        assertThat(Set.of(courseFull.path("type").asText(), alreadyEnrolled.path("type").asText(), notPublished.path("type").asText()))
                .as("three causes, three types").hasSize(3);
        assertThat(courseFull.path("detail").asText()).contains("full");
    }

    @Test
    void eachCauseAnswersWithItsTypeAndTheCataloguesTitle() throws IOException {
        String base = "/api/v1";
        String instructor = Fixtures.instructor();
        String studentA = Fixtures.user("student");
        String studentB = Fixtures.user("student");
        String studentC = Fixtures.user("student");
        String course = Fixtures.publishedCourse(instructor, 4900, null);
        String lesson = as(admin()).get(base + "/courses/{id}/lessons", course).then().statusCode(200).extract().path("items[0].id");
        String hidden = Fixtures.lesson(course, "Unpublished", false);
        String draft = Fixtures.course(instructor);
        String unknown = UUID.randomUUID().toString();

        // 400, whatever the input's fault, wherever it is found
        assertType("malformed JSON", as(admin()).body("{\"email\":").post(base + "/users"), ProblemType.VALIDATION);
        assertType("bean validation", as(admin()).body(Map.of("email", "not-an-email", "displayName", "X", "role", "student"))
                .post(base + "/users"), ProblemType.VALIDATION);
        assertType("NUL in a body field", as(admin()).body("{\"email\":\"a\\u0000b@example.com\",\"displayName\":\"X\",\"role\":\"student\"}")
                .post(base + "/users"), ProblemType.VALIDATION);
        assertType("bad UUID in the path", as(admin()).get(base + "/courses/not-a-uuid"), ProblemType.VALIDATION);
        assertType("bad cursor", as(admin()).get(base + "/courses?cursor=garbage"), ProblemType.VALIDATION);
        assertType("bad enum value", as(admin()).get(base + "/courses?status=lost"), ProblemType.VALIDATION);
        String[] encoding = RawHttp.get(base + "/courses?q=%zz");
        assertType("malformed percent-encoding", Integer.parseInt(encoding[0]), encoding[1], encoding[2], ProblemType.VALIDATION);

        // 401, 403
        assertType("no token", as(null).body(Map.of("email", Fixtures.unique("x") + "@example.com", "displayName", "X", "role", "student"))
                .post(base + "/users"), ProblemType.UNAUTHORIZED);
        assertType("a bad token", as("not.a.token").get(base + "/courses"), ProblemType.INVALID_TOKEN);
        String studentToken = Tokens.forUser(studentA, "student");
        assertType("a student creates a user", as(studentToken).body(Map.of("email", Fixtures.unique("x") + "@example.com",
                "displayName", "X", "role", "student")).post(base + "/users"), ProblemType.FORBIDDEN);

        // 404, 405, 406, 412, 413, 414, 415, 431
        assertType("unknown id", as(admin()).get(base + "/courses/{id}", unknown), ProblemType.NOT_FOUND);
        assertType("unknown path", as(admin()).get(base + "/nothing-here"), ProblemType.NOT_FOUND);
        assertType("OPTIONS of an unknown path", as(admin()).options(base + "/nothing-here"), ProblemType.NOT_FOUND);
        assertType("unserved method", as(admin()).delete(base + "/courses"), ProblemType.METHOD_NOT_ALLOWED);
        assertType("unacceptable Accept", as(admin()).accept("text/csv").get(base + "/courses"), ProblemType.NOT_ACCEPTABLE);
        assertType("stale If-Match", as(admin()).header("If-Match", "\"999\"").delete(base + "/courses/{id}", draft), ProblemType.PRECONDITION_FAILED);
        assertType("body too large", as(admin()).body("{\"email\":\"" + "x".repeat(70_000) + "\"}").post(base + "/users"),
                ProblemType.CONTENT_TOO_LARGE);
        assertType("request target too long", as(admin()).get(base + "/courses?q=" + "a".repeat(5000)), ProblemType.URI_TOO_LONG);
        assertType("wrong Content-Type", as(admin()).contentType("text/plain").body("hello").post(base + "/users"),
                ProblemType.UNSUPPORTED_MEDIA_TYPE);
        assertType("headers too large", as(admin()).header("X-Padding", "p".repeat(25_000)).get(base + "/courses"),
                ProblemType.HEADER_FIELDS_TOO_LARGE);

        // catalogue: 409, 422
        String email = Fixtures.unique("taken") + "@example.com";
        as(admin()).body(Map.of("email", email, "displayName", "X", "role", "student")).post(base + "/users").then().statusCode(201);
        assertType("email taken", as(admin()).body(Map.of("email", email.toUpperCase(), "displayName", "Y", "role", "student"))
                .post(base + "/users"), ProblemType.EMAIL_TAKEN);
        String slug = as(admin()).get(base + "/courses/{id}", course).then().statusCode(200).extract().path("slug");
        assertType("slug taken", as(admin()).body(Map.of("slug", slug, "title", "Again", "instructorId", instructor,
                "price", Map.of("amount", 0, "currency", "EUR"))).post(base + "/courses"), ProblemType.SLUG_TAKEN);
        assertType("instructor who is not one", as(admin()).body(Map.of("slug", Fixtures.unique("c").toLowerCase(), "title", "T",
                "instructorId", studentA, "price", Map.of("amount", 0, "currency", "EUR"))).post(base + "/courses"), ProblemType.NOT_AN_INSTRUCTOR);
        assertType("instructor loses the role", as(admin()).contentType("application/merge-patch+json").body(Map.of("role", "student"))
                .patch(base + "/users/{id}", instructor), ProblemType.INSTRUCTOR_HAS_COURSES);
        assertType("delete a published course", as(admin()).delete(base + "/courses/{id}", course), ProblemType.COURSE_NOT_DRAFT);
        assertType("publish without a published lesson", as(admin()).post(base + "/courses/{id}/publish", draft), ProblemType.NO_PUBLISHED_LESSON);
        assertType("archive a draft", as(admin()).post(base + "/courses/{id}/archive", draft), ProblemType.COURSE_NOT_PUBLISHED);
        assertType("delete the last published lesson", as(admin()).delete(base + "/courses/{id}/lessons/{lessonId}", course, lesson),
                ProblemType.LAST_PUBLISHED_LESSON);
        assertType("enroll an unknown user", as(admin()).body(Map.of("userId", unknown, "courseId", course)).post(base + "/enrollments"),
                ProblemType.UNKNOWN_REFERENCE);

        Response enrolledA = as(admin()).body(Map.of("userId", studentA, "courseId", course)).post(base + "/enrollments");
        String enrollmentA = enrolledA.then().statusCode(201).extract().path("id");
        String invoiceA = enrolledA.then().extract().path("invoiceId");
        assertType("refund an open invoice", as(admin()).post(base + "/invoices/{id}/refund", invoiceA), ProblemType.INVOICE_NOT_PAID);
        assertType("pay the wrong amount", as(admin()).body(payment(Fixtures.unique("psp"), 1)).post(base + "/invoices/{id}/pay", invoiceA),
                ProblemType.AMOUNT_MISMATCH);
        assertType("a student pays", as(studentToken).body(payment(Fixtures.unique("psp"), 4900)).post(base + "/invoices/{id}/pay", invoiceA),
                ProblemType.FORBIDDEN);
        String key = Fixtures.unique("key");
        String reference = Fixtures.unique("psp");
        as(admin()).header("Idempotency-Key", key).body(payment(reference, 4900)).post(base + "/invoices/{id}/pay", invoiceA)
                .then().statusCode(200);
        assertType("an Idempotency-Key reused", as(admin()).header("Idempotency-Key", key).body(payment(Fixtures.unique("psp"), 4900))
                .post(base + "/invoices/{id}/pay", invoiceA), ProblemType.IDEMPOTENCY_KEY_REUSED);
        assertType("pay a paid invoice", as(admin()).body(payment(Fixtures.unique("psp"), 4900)).post(base + "/invoices/{id}/pay", invoiceA),
                ProblemType.INVOICE_NOT_OPEN);
        assertType("cancel a paid enrollment", as(admin()).post(base + "/enrollments/{id}/cancel", enrollmentA), ProblemType.ENROLLMENT_PAID);
        assertType("complete an unpublished lesson", as(admin()).put(base + "/enrollments/{id}/lessons/{lessonId}/completion", enrollmentA, hidden),
                ProblemType.LESSON_NOT_PUBLISHED);
        assertType("delete a user with enrollments", as(admin()).delete(base + "/users/{id}", studentA), ProblemType.RESOURCE_IN_USE);

        assertType("enroll twice", as(admin()).body(Map.of("userId", studentA, "courseId", course)).post(base + "/enrollments"),
                ProblemType.ALREADY_ENROLLED);
        String small = Fixtures.publishedCourse(instructor, 0, 1);
        as(admin()).body(Map.of("userId", studentB, "courseId", small)).post(base + "/enrollments").then().statusCode(201);
        assertType("enroll in a full course", as(admin()).body(Map.of("userId", studentC, "courseId", small)).post(base + "/enrollments"),
                ProblemType.COURSE_FULL);

        String invoiceB = as(admin()).body(Map.of("userId", studentB, "courseId", course)).post(base + "/enrollments")
                .then().statusCode(201).extract().path("invoiceId");
        assertType("a payment reference used before", as(admin()).body(payment(reference, 4900)).post(base + "/invoices/{id}/pay", invoiceB),
                ProblemType.PAYMENT_REFERENCE_USED);

        String enrollmentC = as(admin()).body(Map.of("userId", studentC, "courseId", course)).post(base + "/enrollments")
                .then().statusCode(201).extract().path("id");
        as(admin()).post(base + "/enrollments/{id}/cancel", enrollmentC).then().statusCode(200);
        assertType("cancel twice", as(admin()).post(base + "/enrollments/{id}/cancel", enrollmentC), ProblemType.ENROLLMENT_NOT_CANCELLABLE);
        assertType("progress on a cancelled enrollment", as(admin()).put(base + "/enrollments/{id}/lessons/{lessonId}/completion", enrollmentC, lesson),
                ProblemType.ENROLLMENT_NOT_ACTIVE);

        Set<ProblemType> unaccounted = EnumSet.allOf(ProblemType.class);
        unaccounted.removeAll(provoked.keySet());
        unaccounted.removeAll(NOT_PROVOKED_HERE.keySet());
        assertThat(unaccounted).as("types neither provoked here nor listed in NOT_PROVOKED_HERE with a reason").isEmpty();
        assertThat(provoked.keySet()).as("types listed as not provoked but provoked here").doesNotContainAnyElementsOf(NOT_PROVOKED_HERE.keySet());
    }
}
