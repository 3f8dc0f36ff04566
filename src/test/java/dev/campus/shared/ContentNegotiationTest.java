package dev.campus.shared;

import static dev.campus.support.Api.apiWithInvalidRequest;
import static dev.campus.support.Fixtures.UNKNOWN_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.campus.support.Contract;
import dev.campus.support.Contract.Operation;
import dev.campus.support.Fixtures;
import dev.campus.support.Samples;
import dev.campus.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Accept as the contract declares it, on every operation of the served OpenAPI document (RFC 9110, 12.5.1): a
 * request that accepts any media type the operation declares (its success types, or application/problem+json,
 * which every operation declares for its errors, and which is all a generated client sends where a success has
 * no body) is never answered 406; a success is sent in its declared type, every error as problem+json whatever
 * Accept lists; 406, a problem, only where the request accepts none of the declared types and the success has a
 * body. Reads name resources that exist ({@link Samples}); changes name ids that exist nowhere (404), so that no
 * shared sample changes.
 */
@QuarkusTest
class ContentNegotiationTest {

    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";
    static final ObjectMapper READER = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Accept values a client may send; null: no Accept header. */
    static final List<String> ACCEPTS = Arrays.asList(null, "*/*", "application/*", JSON, PROBLEM_JSON,
            "application/json;q=0.5, application/problem+json", "text/html");

    static Samples samples;

    @BeforeEach
    void createSamplesOnce() {
        if (samples == null) {
            samples = Samples.create();
        }
    }

    /** Whether the Accept value admits one of the types (for the ranges ACCEPTS holds: any, type wildcards, exact types). */
    static boolean admits(String accept, List<String> types) {
        if (accept == null) {
            return true;
        }
        for (String range : accept.split(",")) {
            String media = range.split(";")[0].strip();
            for (String type : types) {
                if (media.equals("*/*") || media.equals(type) || media.endsWith("/*") && type.startsWith(media.substring(0, media.length() - 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    record Answer(int status, String contentType, String body) {
    }

    /** One exchange with exactly this Accept header (none for null), as an admin; the JDK client adds no Accept of its own. */
    static Answer call(Operation operation, String accept) throws Exception {
        String path = operation.method().equals("GET") ? samples.path(operation) : operation.path().replaceAll("\\{[^}]+}", UNKNOWN_ID);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Authorization", "Bearer " + Tokens.admin());
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (operation.takesBody()) {
            String body = operation.bodyMediaType().equals(MergePatch.MEDIA_TYPE) ? "{}"
                    : ErrorHandlingTest.write(ErrorHandlingTest.example(operation.bodySchema(), operation.id()));
            request.header("Content-Type", operation.bodyMediaType()).method(operation.method(), HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(operation.method(), HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    @Test
    void everyOperationServesEveryAcceptThatAdmitsADeclaredTypeAndRefusesTheOthersWith406() throws Exception {
        List<String> wrong = new ArrayList<>();
        List<Operation> operations = Contract.operations();
        assertThat(operations).hasSizeGreaterThan(30);
        for (Operation operation : operations) {
            List<String> success = operation.successMediaTypes();
            List<String> declared = new ArrayList<>(success);
            declared.add(PROBLEM_JSON);
            for (String accept : ACCEPTS) {
                Answer response = call(operation, accept);
                String exchange = operation + " with Accept " + accept + ": " + response.status() + " " + response.contentType();
                String contentType = response.contentType();
                boolean refusable = !success.isEmpty() && !admits(accept, declared);
                if (refusable && response.status() != 406) {
                    wrong.add(exchange + " (expected 406: the request accepts none of " + declared + ")");
                } else if (!refusable && response.status() == 406) {
                    wrong.add(exchange + " (expected no 406: the operation declares " + declared + ")");
                } else if (response.status() >= 400) {
                    JsonNode problem = json(response.body());
                    if (!contentType.startsWith(PROBLEM_JSON) || problem == null || problem.path("status").asInt() != response.status()) {
                        wrong.add(exchange + " (an error is a problem+json document whatever Accept lists): " + response.body());
                    }
                } else if (!response.body().isEmpty() && success.stream().noneMatch(contentType::startsWith)) {
                    wrong.add(exchange + " (a success is sent in its declared type " + success + ")");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** What generated clients send where the success has no body: exactly the one type the operation declares. */
    @Test
    void aDeleteAcceptingOnlyProblemJsonIsServed() {
        String user = Fixtures.user("student");
        apiWithInvalidRequest().accept(PROBLEM_JSON).delete("/api/v1/users/{id}", user).then().statusCode(204);
        String course = Fixtures.course(Fixtures.instructor());
        String lesson = Fixtures.lesson(course, "Doomed", false);
        apiWithInvalidRequest().accept(PROBLEM_JSON).delete("/api/v1/courses/{c}/lessons/{l}", course, lesson).then().statusCode(204);
        apiWithInvalidRequest().accept(PROBLEM_JSON).delete("/api/v1/users/{id}", user).then().statusCode(404).contentType(PROBLEM_JSON);
    }

    /** A read accepting only problem+json gets its JSON (the server disregards Accept rather than answer 406). */
    @Test
    void aReadAcceptingOnlyProblemJsonGetsItsJson() {
        String course = Fixtures.course(Fixtures.instructor());
        apiWithInvalidRequest().accept(PROBLEM_JSON).get("/api/v1/courses/{id}", course).then().statusCode(200).contentType(JSON)
                .body("id", org.hamcrest.Matchers.equalTo(course));
        apiWithInvalidRequest().accept("text/html").get("/api/v1/courses/{id}", course).then().statusCode(406).contentType(PROBLEM_JSON)
                .body("status", org.hamcrest.Matchers.equalTo(406));
        apiWithInvalidRequest().accept("text/html").get("/api/v1/courses/{id}", UNKNOWN_ID).then().statusCode(406).contentType(PROBLEM_JSON);
    }

    static JsonNode json(String body) {
        try {
            return READER.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }
}
