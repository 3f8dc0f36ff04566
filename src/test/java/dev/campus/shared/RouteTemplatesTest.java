package dev.campus.shared;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.campus.support.Contract;
import dev.campus.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Rule: every API request is timed under its route template, whatever its answer, so the HTTP metrics hold one
 * series per endpoint and never one per id. Derived from the served OpenAPI document: each operation is called
 * with fresh ids with its own method, with a method its path does not serve (405) and with a media type it does not
 * take (415 or 406); afterwards every series of an API path must be labelled with a template of the contract.
 */
@QuarkusTest
class RouteTemplatesTest {

    static final Pattern URI = Pattern.compile("uri=\"([^\"]*)\"");

    @Test
    void everyApiRequestIsLabelledWithItsRouteTemplate() {
        List<Contract.Operation> operations = Contract.operations();
        Set<String> templates = operations.stream().map(Contract.Operation::path).collect(Collectors.toSet());
        for (Contract.Operation operation : operations) {
            String path = concrete(operation.path());
            String token = Tokens.admin();
            given().auth().oauth2(token).contentType("application/json").body("{}").request(operation.method(), path);
            given().auth().oauth2(token).contentType("application/json").body("{}").request("TRACE", path);
            given().auth().oauth2(token).contentType("text/plain").accept("application/xml").body("x").request(operation.method(), path);
            given().auth().oauth2(token).request(operation.method(), path + "?limit=" + "9".repeat(40));
        }

        String metrics = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        List<String> apiUris = metrics.lines().filter(line -> line.startsWith("http_server_requests_seconds_count{"))
                .map(URI::matcher).filter(Matcher::find).map(matcher -> matcher.group(1))
                .filter(uri -> uri.startsWith("/api/"))
                .distinct().toList();

        assertThat(apiUris).as("series of API paths").isNotEmpty();
        assertThat(apiUris).as("series labelled with something other than a contract template").allMatch(templates::contains);
    }

    /** The template with each parameter replaced by a value never used before (a fresh UUID, or a fresh slug). */
    static String concrete(String template) {
        return template.replaceAll("\\{slug}", "slug-" + UUID.randomUUID()).replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }
}
