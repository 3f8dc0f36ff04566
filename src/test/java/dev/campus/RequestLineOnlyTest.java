package dev.campus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.campus.support.Contract;
import dev.campus.support.RawHttp;
import dev.campus.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What a request names is read from its request line, never from a Host header the service cannot trust (RFC 9112,
 * 3.2): on every operation of the served OpenAPI document, a request with a malformed Host is a 400 problem+json.
 * (RequestLineOnlyIT adds the rules about a missing or repeated
 * Host, which only the packaged application sees as sent: the test profile trusts a proxy, and Quarkus's
 * forwarded-header parser then rewrites Host before any route runs.)
 */
@QuarkusTest
class RequestLineOnlyTest {

    static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, String contentType, String link, String body) {
    }

    /** One exchange written byte for byte: the request line, then exactly these header lines (no Host added). */
    static Answer exchange(String requestLine, List<String> headers, String body) {
        RawHttp.Exchange answer = RawHttp.exchange("127.0.0.1", requestLine, headers, body);
        String contentType = answer.header("Content-Type");
        return new Answer(answer.status(), contentType == null ? "" : contentType, answer.header("Link"), answer.body());
    }

    /** The operation's path with ids that exist nowhere (and limit=1 on a list), as a request target. */
    static String target(Contract.Operation operation) {
        String path = operation.path().replaceAll("\\{slug}", "no-such-course").replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        return operation.isList() ? path + "?limit=1" : path;
    }

    static List<String> headers(Contract.Operation operation, String... more) {
        List<String> headers = new ArrayList<>(List.of("Authorization: Bearer " + Tokens.admin(), "Accept: application/json"));
        if (operation.takesBody()) {
            headers.add("Content-Type: " + operation.bodyMediaType());
        }
        headers.addAll(List.of(more));
        return headers;
    }

    static String problemOrNull(Answer answer, int status) {
        try {
            JsonNode problem = JSON.readTree(answer.body());
            if (answer.status() == status && answer.contentType().startsWith("application/problem+json")
                    && problem.path("status").asInt() == status && !problem.path("detail").asText().isEmpty()) {
                URI.create(problem.path("instance").asText());
                return null;
            }
        } catch (IOException | IllegalArgumentException e) {
            // reported below
        }
        return answer.status() + " " + answer.contentType() + " " + answer.body().substring(0, Math.min(120, answer.body().length()));
    }

    @Test
    void aMalformedHostIs400ProblemJsonOnEveryOperation() {
        List<String> wrong = new ArrayList<>();
        for (String host : List.of("a/b", "a/b?c#d", "a b", "[::1", "user@example.com")) {
            for (Contract.Operation operation : Contract.operations()) {
                Answer answer = exchange(operation.method() + " " + target(operation) + " HTTP/1.1", headers(operation, "Host: " + host),
                        operation.takesBody() ? "{}" : null);
                String problem = problemOrNull(answer, 400);
                if (problem != null) {
                    wrong.add(operation.id() + " with Host " + host + ": " + problem);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }
}
