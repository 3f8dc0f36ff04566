package dev.campus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.campus.support.Contract;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The same rules against the packaged application, and those about a missing or repeated Host, which it sees as
 * sent when no proxy is trusted (the default; CAMPUS_TRUSTED_PROXIES unset): an HTTP/1.1 request without Host, with
 * two, or with a port out of range is a 400 problem+json (RFC 9112, 3.2), on every operation; so is an HTTP/1.0
 * request without Host, which Vert.x 4 does not serve, never the bare error page it would get otherwise.
 */
@QuarkusIntegrationTest
class RequestLineOnlyIT extends RequestLineOnlyTest {

    @Test
    void anHttp11RequestWithoutHostOrWithTwoIs400ProblemJson() {
        Contract.Operation operation = Contract.operation("listCourses");
        assertThat(problemOrNull(exchange("GET /api/v1/courses HTTP/1.1", headers(operation), null), 400)).isNull();
        assertThat(problemOrNull(exchange("GET /api/v1/courses HTTP/1.1", headers(operation, "Host: localhost", "Host: evil.example"), null), 400))
                .isNull();
    }

    @Test
    void aHostWithAPortOutOfRangeIs400ProblemJsonOnEveryOperation() {
        List<String> wrong = new ArrayList<>();
        for (Contract.Operation operation : Contract.operations()) {
            Answer answer = exchange(operation.method() + " " + target(operation) + " HTTP/1.1", headers(operation, "Host: example.com:99999"),
                    operation.takesBody() ? "{}" : null);
            String problem = problemOrNull(answer, 400);
            if (problem != null) {
                wrong.add(operation.id() + ": " + problem);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void anHttp10RequestWithoutHostIs400ProblemJsonOnEveryOperation() {
        List<String> wrong = new ArrayList<>();
        for (Contract.Operation operation : Contract.operations()) {
            Answer answer = exchange(operation.method() + " " + target(operation) + " HTTP/1.0", headers(operation),
                    operation.takesBody() ? "{}" : null);
            String problem = problemOrNull(answer, 400);
            if (problem != null) {
                wrong.add(operation.id() + ": " + problem);
            }
        }
        assertThat(wrong).isEmpty();
    }
}
