package dev.campus;

import static dev.campus.support.Api.api;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.campus.support.Contract;
import dev.campus.support.Samples;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * RFC 9110 conditional reads on every read whose contract declares a 304, one case per operation of the served
 * document: an If-None-Match naming the current version is a 304 without a body; one naming another version is
 * the 200 with the current ETag.
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

    @Test
    void theReadsThatDeclare304AreTheSingleResourceReads() {
        assertThat(conditionalReads()).extracting(Contract.Operation::id)
                .containsExactlyInAnyOrder("getUser", "getCourse", "getCourseBySlug", "getLesson", "getEnrollment", "getInvoice",
                        "getWebhookEndpoint");
    }
}
