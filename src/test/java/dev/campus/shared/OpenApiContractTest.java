package dev.campus.shared;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The contract is reviewed like code: the spec the service serves must equal the committed
 * src/main/openapi/openapi.yaml, so every change to it shows up in a diff; and it must be complete enough for
 * client generators and readers (ids, tags, summaries, described parameters, problem details for every error).
 */
@QuarkusTest
class OpenApiContractTest {

    static final Path COMMITTED_SPEC = Path.of("src/main/openapi/openapi.yaml");
    static final Path SERVED_SPEC_COPY = Path.of("target/openapi-served.yaml");
    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM_REF = "#/components/schemas/Problem";
    static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    static final int MAX_REPORTED_DIFFERENCES = 30;

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    String servedYaml;
    JsonNode served;

    @BeforeEach
    void readTheServedSpec() throws IOException {
        servedYaml = given().accept("application/yaml").get("/q/openapi").then().statusCode(200).extract().asString();
        served = YAML.readTree(servedYaml);
    }

    // ---- the served spec is the committed spec -------------------------------------------------------------

    @Test
    void theServedSpecEqualsTheCommittedSpec() throws IOException {
        JsonNode committed = Files.exists(COMMITTED_SPEC) ? YAML.readTree(COMMITTED_SPEC.toFile()) : null;
        if (served.equals(committed)) {
            return;
        }
        Files.createDirectories(SERVED_SPEC_COPY.getParent());
        Files.writeString(SERVED_SPEC_COPY, servedYaml);
        List<String> differences = new ArrayList<>();
        if (committed == null) {
            differences.add(COMMITTED_SPEC + " does not exist");
        } else {
            diff("", committed, served, differences);
        }
        fail("The OpenAPI document the service serves differs from " + COMMITTED_SPEC + ":\n  "
                + String.join("\n  ", differences.subList(0, Math.min(differences.size(), MAX_REPORTED_DIFFERENCES)))
                + (differences.size() > MAX_REPORTED_DIFFERENCES ? "\n  ... and " + (differences.size() - MAX_REPORTED_DIFFERENCES) + " more" : "")
                + "\nThe served document was written to " + SERVED_SPEC_COPY + ". If the change is intended, review the diff"
                + " (diff " + COMMITTED_SPEC + " " + SERVED_SPEC_COPY + ") and commit it:\n  cp " + SERVED_SPEC_COPY + " " + COMMITTED_SPEC);
    }

    /** Where two documents differ, as JSON pointers; object keys compare regardless of their order. */
    static void diff(String pointer, JsonNode committed, JsonNode served, List<String> differences) {
        if (committed.equals(served)) {
            return;
        }
        if (committed.isObject() && served.isObject()) {
            Set<String> keys = new TreeSet<>();
            committed.fieldNames().forEachRemaining(keys::add);
            served.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                String child = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
                if (!committed.has(key)) {
                    differences.add("added   " + child);
                } else if (!served.has(key)) {
                    differences.add("removed " + child);
                } else {
                    diff(child, committed.get(key), served.get(key), differences);
                }
            }
        } else if (committed.isArray() && served.isArray() && committed.size() == served.size()) {
            for (int i = 0; i < committed.size(); i++) {
                diff(pointer + "/" + i, committed.get(i), served.get(i), differences);
            }
        } else {
            differences.add("changed " + (pointer.isEmpty() ? "/" : pointer) + ": " + abbreviate(committed) + " -> " + abbreviate(served));
        }
    }

    static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }

    // ---- the spec is complete ------------------------------------------------------------------------------

    /** Calls back with "METHOD /path" and the operation, for every operation of the spec. */
    void forEachOperation(BiConsumer<String, JsonNode> check) {
        served.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
            if (HTTP_METHODS.contains(entry.getKey())) {
                check.accept(entry.getKey().toUpperCase() + " " + path.getKey(), entry.getValue());
            }
        }));
    }

    static void assertNoneMissing(String rule, List<String> offenders) {
        assertThat(rule + "; offenders:\n  " + String.join("\n  ", offenders), offenders, empty());
    }

    @Test
    void theSpecHasOperations() {
        List<String> operations = new ArrayList<>();
        forEachOperation((name, operation) -> operations.add(name));
        assertThat(operations, not(empty()));
    }

    @Test
    void everyOperationHasAUniqueOperationId() {
        List<String> offenders = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        forEachOperation((name, operation) -> {
            String id = operation.path("operationId").asText("");
            if (id.isBlank()) {
                offenders.add(name + " has no operationId");
            } else if (seen.putIfAbsent(id, name) != null) {
                offenders.add(name + " reuses operationId " + id + " of " + seen.get(id));
            }
        });
        assertNoneMissing("every operation has an operationId of its own", offenders);
    }

    @Test
    void everyOperationHasATagAndASummary() {
        List<String> offenders = new ArrayList<>();
        forEachOperation((name, operation) -> {
            if (!operation.path("tags").isArray() || operation.path("tags").isEmpty()) {
                offenders.add(name + " has no tag");
            }
            if (operation.path("summary").asText("").isBlank()) {
                offenders.add(name + " has no summary");
            }
        });
        assertNoneMissing("every operation has at least one tag and a summary", offenders);
    }

    @Test
    void everyParameterHasADescription() {
        List<String> offenders = new ArrayList<>();
        served.path("paths").fields().forEachRemaining(path -> {
            path.getValue().path("parameters").forEach(parameter -> checkDescribed(path.getKey(), parameter, offenders));
            path.getValue().fields().forEachRemaining(entry -> {
                if (HTTP_METHODS.contains(entry.getKey())) {
                    entry.getValue().path("parameters").forEach(parameter ->
                            checkDescribed(entry.getKey().toUpperCase() + " " + path.getKey(), parameter, offenders));
                }
            });
        });
        assertNoneMissing("every parameter has a description", offenders);
    }

    private void checkDescribed(String where, JsonNode parameter, List<String> offenders) {
        JsonNode resolved = resolve(parameter);
        if (resolved.path("description").asText("").isBlank()) {
            offenders.add(where + ": " + resolved.path("in").asText() + " parameter " + resolved.path("name").asText());
        }
    }

    @Test
    void everyErrorResponseIsAProblemDocument() {
        List<String> offenders = new ArrayList<>();
        forEachOperation((name, operation) -> operation.path("responses").fields().forEachRemaining(response -> {
            String code = response.getKey();
            if (code.startsWith("4") || code.startsWith("5")) {
                JsonNode content = resolve(response.getValue()).path("content");
                JsonNode schema = content.path(PROBLEM_JSON).path("schema");
                if (!PROBLEM_REF.equals(schema.path("$ref").asText())) {
                    offenders.add(name + " " + code + " is not " + PROBLEM_JSON + " with schema " + PROBLEM_REF);
                }
                if (content.size() != 1) {
                    offenders.add(name + " " + code + " also declares " + content.fieldNames().next());
                }
            }
        }));
        assertNoneMissing("every 4xx/5xx response is " + PROBLEM_JSON + " of " + PROBLEM_REF, offenders);
        assertThat("the Problem schema exists", served.at("/components/schemas/Problem").isObject(), org.hamcrest.Matchers.is(true));
    }

    /**
     * Under responses only status codes (200, 4XX) and default: anything else, such as an extension an
     * annotation placed on the operation that smallrye-openapi copied into the responses, makes Swagger UI show
     * "Could not render responses" for the whole operation.
     */
    @Test
    void responsesAreKeyedByStatusCodesOnly() {
        List<String> offenders = new ArrayList<>();
        forEachOperation((name, operation) -> operation.path("responses").fieldNames().forEachRemaining(key -> {
            if (!key.matches("[1-5](\\d\\d|XX)|default")) {
                offenders.add(name + " has responses key " + key);
            }
        }));
        assertNoneMissing("every key under an operation's responses is a status code (200, 4XX) or default", offenders);
    }

    /** Bearer everywhere, optional ([{}, {bearer: []}]) where anonymous callers are welcome; no other shape. */
    @Test
    void everyOperationRequiresABearerTokenOrMakesItOptional() {
        JsonNode bearer = YAML.createObjectNode().set("bearer", YAML.createArrayNode());
        JsonNode required = YAML.createArrayNode().add(bearer);
        JsonNode optional = YAML.createArrayNode().add(YAML.createObjectNode()).add(bearer);
        List<String> offenders = new ArrayList<>();
        forEachOperation((name, operation) -> {
            JsonNode security = operation.path("security");
            if (!security.equals(required) && !security.equals(optional)) {
                offenders.add(name + " has security " + security);
            }
        });
        assertNoneMissing("every operation's security is [{bearer: []}] or [{}, {bearer: []}]", offenders);
        assertThat("no internal extension leaks into the served document", servedYaml, not(containsStringIgnoringCase("x-anonymous")));
    }

    @Test
    void everyOperationListsBadRequestAndServerError() {
        List<String> offenders = new ArrayList<>();
        forEachOperation((name, operation) -> {
            for (String code : List.of("400", "500")) {
                if (!operation.path("responses").has(code)) {
                    offenders.add(name + " does not list " + code);
                }
            }
        });
        assertNoneMissing("every operation lists 400 and 500", offenders);
    }

    @Test
    void everyCreateOperationAnswers201() {
        List<String> offenders = new ArrayList<>();
        List<String> creates = new ArrayList<>();
        forEachOperation((name, operation) -> {
            if (operation.path("operationId").asText("").startsWith("create")) {
                creates.add(name);
                if (!name.startsWith("POST ")) {
                    offenders.add(name + " creates but is not a POST");
                }
                if (!operation.path("responses").has("201")) {
                    offenders.add(name + " does not answer 201");
                }
            }
        });
        assertThat("there are create operations", creates, not(empty()));
        assertNoneMissing("every create operation is a POST answering 201", offenders);
    }

    @Test
    void everyRequestBodyHasAnExample() {
        List<String> offenders = new ArrayList<>();
        forEachOperation((name, operation) -> {
            JsonNode body = resolve(operation.path("requestBody"));
            body.path("content").fields().forEachRemaining(media -> {
                JsonNode value = media.getValue();
                if (!value.has("example") && !value.has("examples") && !hasExample(value.path("schema"), new TreeSet<>())) {
                    offenders.add(name + " " + media.getKey());
                }
            });
        });
        assertNoneMissing("every request body shows an example (on the media type, its schema or the schema's properties)", offenders);
    }

    /** An example on the schema, or on any schema it is made of (properties, items, allOf/anyOf/oneOf, refs). */
    boolean hasExample(JsonNode schema, Set<String> visited) {
        if (schema.isMissingNode() || schema.isNull()) {
            return false;
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            return visited.add(ref) && hasExample(resolve(schema), visited);
        }
        if (schema.has("example") || schema.has("examples")) {
            return true;
        }
        for (Iterator<JsonNode> properties = schema.path("properties").elements(); properties.hasNext();) {
            if (hasExample(properties.next(), visited)) {
                return true;
            }
        }
        for (String composition : List.of("allOf", "anyOf", "oneOf")) {
            for (JsonNode part : schema.path(composition)) {
                if (hasExample(part, visited)) {
                    return true;
                }
            }
        }
        return hasExample(schema.path("items"), visited);
    }

    /** Follows a local $ref ("#/components/..."); anything else is returned as it is. */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                return current;
            }
            current = served.at(ref.substring(1));
        }
        return current;
    }

    // ---- nullable as strict tools read it ------------------------------------------------------------------

    /** Calls back with every schema-like object of the document and its JSON pointer, at every depth. */
    static void forEachObject(String pointer, JsonNode node, BiConsumer<String, JsonNode> check) {
        if (node.isObject()) {
            check.accept(pointer, node);
        }
        if (node.isContainerNode()) {
            if (node.isObject()) {
                node.fields().forEachRemaining(field -> forEachObject(pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1"),
                        field.getValue(), check));
            } else {
                for (int i = 0; i < node.size(); i++) {
                    forEachObject(pointer + "/" + i, node.get(i), check);
                }
            }
        }
    }

    /**
     * OpenAPI 3.0.3's nullable adds null to the type beside it and nothing else: a nullable enum must list null
     * among its values, or strict validators and generated clients refuse the null the service sends.
     */
    @Test
    void everyNullableEnumListsNull() {
        List<String> offenders = new ArrayList<>();
        forEachObject("", served, (pointer, node) -> {
            if (node.path("nullable").asBoolean(false) && node.path("enum").isArray()) {
                boolean listed = false;
                for (JsonNode value : node.get("enum")) {
                    listed |= value.isNull();
                }
                if (!listed) {
                    offenders.add(pointer + " enum " + node.get("enum"));
                }
            }
        });
        assertNoneMissing("every nullable enum lists null among its values", offenders);
    }

    /**
     * A nullable reference is {@code oneOf: [{$ref}, {type, nullable: true, enum: [null]}]}: a $ref has no siblings (OpenAPI 3.0 ignores
     * them), and nullable stands only beside a type (it does not reach into allOf, anyOf, oneOf or a $ref).
     */
    @Test
    void everyNullableReferenceIsWrittenSoThatNullIsValid() {
        List<String> offenders = new ArrayList<>();
        List<String> nullableReferences = new ArrayList<>();
        forEachObject("", served, (pointer, node) -> {
            if (node.has("$ref") && node.size() > 1) {
                offenders.add(pointer + " has siblings beside $ref, which OpenAPI 3.0 ignores: " + abbreviate(node));
            }
            if (node.path("nullable").asBoolean(false)) {
                if (!node.has("type")) {
                    offenders.add(pointer + " is nullable without a type, which admits no null: " + abbreviate(node));
                }
                for (String composition : List.of("$ref", "allOf", "anyOf", "oneOf")) {
                    if (node.has(composition)) {
                        offenders.add(pointer + " is nullable beside " + composition + ", which nullable does not reach: " + abbreviate(node));
                    }
                }
            }
            if (node.path("oneOf").isArray() && node.get("oneOf").size() == 2 && node.get("oneOf").get(0).has("$ref")) {
                JsonNode nullBranch = node.get("oneOf").get(1);
                if (nullBranch.path("enum").size() == 1 && nullBranch.get("enum").get(0).isNull()) {
                    nullableReferences.add(pointer);
                }
            }
        });
        assertNoneMissing("every nullable reference is oneOf [{$ref}, {type, nullable: true, enum: [null]}]", offenders);
        assertThat("Enrollment.cancellationReason is a nullable reference", nullableReferences,
                org.hamcrest.Matchers.hasItem("/components/schemas/Enrollment/properties/cancellationReason"));
    }

    /** Every format the document uses is one the tests' validator checks, so that a value of the wrong form fails a test. */
    @Test
    void everyFormatIsOneTheTestsValidatorChecks() {
        Set<String> unchecked = new TreeSet<>();
        forEachObject("", served.path("components"), (pointer, node) -> collectFormat(node, unchecked));
        forEachObject("", served.path("paths"), (pointer, node) -> collectFormat(node, unchecked));
        assertNoneMissing("every format is one dev.campus.support.StrictOpenApi30 checks", new ArrayList<>(unchecked));
    }

    private static void collectFormat(JsonNode node, Set<String> unchecked) {
        if (node.path("format").isTextual() && (node.has("type") || node.has("nullable"))
                && !dev.campus.support.StrictOpenApi30.FORMATS.contains(node.get("format").asText())) {
            unchecked.add(node.get("format").asText());
        }
    }

    // ---- Swagger UI ----------------------------------------------------------------------------------------

    @Test
    void swaggerUiIsServed() {
        String page = given().get("/q/swagger-ui").then().statusCode(200).contentType(containsStringIgnoringCase("text/html"))
                .extract().asString();
        assertThat(page, containsStringIgnoringCase("swagger-ui"));
    }
}
