package dev.campus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.campus.support.Contract;
import dev.campus.support.RawHttp;
import dev.campus.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Errors raised before a request reaches a resource are problem+json like every other error: a request
 * target or headers too long (414, 431), a malformed percent-encoding (400), a chunked body over the limit
 * (413); a 405 carries Allow with the methods the path really serves, and OPTIONS lists the same, for every
 * path of the served OpenAPI document.
 */
@QuarkusTest
class HttpLayerErrorsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + RestAssured.port + pathAndQuery);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.header("Authorization", "Bearer " + Tokens.admin()).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(), status);
    }

    static void assertProblem(int actualStatus, String contentType, String body, int status) throws Exception {
        assertThat(actualStatus).as(body).isEqualTo(status);
        assertThat(contentType).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotEmpty();
        assertThat(problem.path("detail").asText()).isNotEmpty();
        URI.create(problem.path("instance").asText()); // a valid URI reference
    }

    @Test
    void aRequestTargetTooLongIs414ProblemJson() throws Exception {
        assertProblem(send(HttpRequest.newBuilder(uri("/api/v1/courses?q=" + "a".repeat(5000)))), 414);
    }

    @Test
    void headersTooLargeAre431ProblemJson() throws Exception {
        assertProblem(send(HttpRequest.newBuilder(uri("/api/v1/courses")).header("X-Padding", "p".repeat(25_000))), 431);
    }

    @Test
    void aMalformedPercentEncodingIs400ProblemJson() throws Exception {
        for (String target : List.of("/api/v1/courses?q=%zz", "/api/v1/courses/by-slug/a%zzb", "/api/v1/users?q=%E2%82", "/api/v1/courses?q=%")) {
            String[] response = RawHttp.get(target);
            assertThat(response[1]).as(target).startsWith("application/problem+json");
            assertProblem(Integer.parseInt(response[0]), response[1], response[2], 400);
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIs413ProblemJsonAndCreatesNothing() throws Exception {
        String email = "chunked-" + UUID.randomUUID() + "@example.com";
        byte[] body = ("{\"email\":\"" + email + "\",\"displayName\":\"" + "x".repeat(70_000) + "\",\"role\":\"student\"}").getBytes();
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/users")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertProblem(response, 413);
        HttpResponse<String> found = send(HttpRequest.newBuilder(uri("/api/v1/users?email=" + email)));
        assertThat(JSON.readTree(found.body()).path("items")).isEmpty();
    }

    @Test
    void aSmallChunkedBodyIsReadNormally() throws Exception {
        String email = "chunked-" + UUID.randomUUID() + "@example.com";
        byte[] body = ("{\"email\":\"" + email + "\",\"displayName\":\"Chunked\",\"role\":\"student\"}").getBytes();
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/users")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Test
    void http2RequestsWithAndWithoutABodyAreServed() throws Exception {
        // The JDK client upgrades to HTTP/2 (h2c); a bodyless POST once met "Request has already been read" (500).
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        String token = "Bearer " + Tokens.admin();
        HttpResponse<String> created = http2.send(HttpRequest.newBuilder(uri("/api/v1/users")).header("Authorization", token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"h2-" + UUID.randomUUID() + "@example.com\",\"displayName\":\"H2\",\"role\":\"student\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> bodyless = http2.send(HttpRequest.newBuilder(uri("/api/v1/courses/" + UUID.randomUUID() + "/publish"))
                    .header("Authorization", token).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertProblem(bodyless, 404);
        }
    }

    /** Every path of the contract, with its parameters filled in, and the methods it declares. */
    static List<Object[]> paths() {
        java.util.Map<String, Set<String>> methods = new java.util.LinkedHashMap<>();
        Contract.operations().forEach(operation -> methods.computeIfAbsent(operation.path(), path -> new TreeSet<>()).add(operation.method()));
        List<Object[]> paths = new ArrayList<>();
        methods.forEach((path, served) -> paths.add(new Object[] { path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString()), served }));
        assertThat(paths).hasSizeGreaterThan(10);
        return paths;
    }

    static Set<String> allowOf(HttpResponse<?> response) {
        return Arrays.stream(response.headers().firstValue("Allow").orElse("").split(",")).map(String::strip)
                .filter(method -> !method.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    }

    @SuppressWarnings("unchecked")
    static Set<String> expected(Set<String> declared) {
        Set<String> allow = new TreeSet<>(declared);
        if (allow.contains("GET")) {
            allow.add("HEAD");
        }
        allow.add("OPTIONS");
        return allow;
    }

    @Test
    @SuppressWarnings("unchecked")
    void a405NamesInAllowTheMethodsThePathServes() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Object[] path : paths()) {
            Set<String> declared = (Set<String>) path[1];
            for (String method : List.of("GET", "PUT", "POST", "DELETE", "PATCH")) {
                if (declared.contains(method)) {
                    continue;
                }
                HttpResponse<String> response = send(HttpRequest.newBuilder(uri((String) path[0])).header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString("{}")));
                if (response.statusCode() != 405 || !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                        || !allowOf(response).equals(expected(declared))) {
                    wrong.add(method + " " + path[0] + ": " + response.statusCode() + " Allow " + allowOf(response) + ", expected " + expected(declared));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void optionsListsTheSameMethods() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Object[] path : paths()) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri((String) path[0])).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            if (response.statusCode() != 204 || !allowOf(response).equals(expected((Set<String>) path[1]))) {
                wrong.add(path[0] + ": " + response.statusCode() + " Allow " + allowOf(response));
            }
        }
        assertThat(wrong).isEmpty();
        assertProblem(send(HttpRequest.newBuilder(uri("/api/v1/no-such-thing")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())), 404);
    }
}
