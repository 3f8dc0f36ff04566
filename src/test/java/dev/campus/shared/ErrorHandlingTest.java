package dev.campus.shared;

import static dev.campus.support.Api.api;
import static dev.campus.support.Api.apiWithInvalidRequest;
import static dev.campus.support.Fixtures.UNKNOWN_ID;
import static dev.campus.support.Fixtures.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.campus.support.Contract;
import dev.campus.support.Contract.Operation;
import dev.campus.support.Contract.Parameter;
import dev.campus.support.DatabaseState;
import dev.campus.support.Fixtures;
import dev.campus.support.Samples;
import dev.campus.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Nothing a client sends produces a 500, and a refused request changes nothing. Every operation of the served
 * OpenAPI document is sent every kind of bad input that applies to it (the {@link BadInput} classes: a body,
 * path, query or header of the wrong shape), as an admin so that authorization hides nothing, with the other
 * parts of the request valid and naming resources that exist ({@link Samples}). Each answer must be the 4xx
 * the contract promises, as an RFC 9457 problem (application/problem+json with title, status, detail and an
 * instance that is the request path as sent), naming the offending input in its violations, revealing no
 * internals; and the database must be exactly as before. A new operation is covered the day it appears, and
 * an operation whose shape no class understands fails the build until one does.
 */
@QuarkusTest
class ErrorHandlingTest {

    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";
    /** What an error body must never contain: exception names, stack frames, SQL, Java class names. */
    static final List<String> INTERNALS = List.of("Exception", "at dev.", "org.hibernate", "SQL", "java.", "dev.campus.");
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** Headers whose bad values a class below sends; any other header parameter fails the coverage test. */
    static final Set<String> HEADERS_WITH_A_CLASS = Set.of("If-Match", "If-None-Match", "Idempotency-Key");
    /** Bodies go out as ASCII: JSON escapes carry NUL and lone surrogates intact through any charset. */
    static final ObjectMapper WRITER = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    /** Bodies are read with Jackson: REST-assured's GPath costs tens of milliseconds per expression. */
    static final ObjectMapper READER = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Text PostgreSQL cannot store as sent, as JSON strings and as percent-encoded parameters. */
    static final List<String> UNSTORABLE_STRINGS = List.of("Ada\u0000Lovelace", "\ud800", "x\udc00y");
    static final List<String> UNSTORABLE_PARAMETERS = List.of("a%00b", "%ED%A0%80", "a%C3%28b", "a%C0%AFb", "%FF", "%E2%82");
    /**
     * Byte sequences that are not UTF-8 (RFC 3629), sent raw inside a JSON string: an overlong '/' in two and
     * three bytes (which a lenient decoder reads as '/'), a stray continuation byte, a byte UTF-8 never uses, a
     * truncated sequence, an encoded surrogate, and a code point beyond U+10FFFF.
     */
    static final Map<String, byte[]> NOT_UTF8 = new LinkedHashMap<>();

    static {
        NOT_UTF8.put("overlong C0 AF", new byte[] { (byte) 0xC0, (byte) 0xAF });
        NOT_UTF8.put("overlong E0 80 AF", new byte[] { (byte) 0xE0, (byte) 0x80, (byte) 0xAF });
        NOT_UTF8.put("stray 80", new byte[] { (byte) 0x80 });
        NOT_UTF8.put("byte FF", new byte[] { (byte) 0xFF });
        NOT_UTF8.put("truncated E2 82", new byte[] { (byte) 0xE2, (byte) 0x82 });
        NOT_UTF8.put("surrogate ED A0 80", new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 });
        NOT_UTF8.put("beyond U+10FFFF F4 90 80 80", new byte[] { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 });
    }

    static Samples samples;

    @BeforeEach
    void createSamplesOnce() {
        if (samples == null) {
            samples = Samples.create();
        }
    }

    // ---- what a refusal looks like --------------------------------------------------------------------------

    /** The response is a problem with one of these statuses that names the request path and reveals no internals. */
    static JsonNode assertProblem(Response response, Set<Integer> statuses, String exchange, String path) {
        String body = response.asString();
        String answered = exchange + " answered " + response.statusCode() + " " + response.contentType() + ": " + body;
        assertThat(answered, response.statusCode(), in(statuses));
        assertThat(answered, response.contentType(), startsWith(PROBLEM_JSON));
        for (String internal : INTERNALS) {
            assertThat("the error body reveals internals (" + internal + "): " + answered, body, not(containsString(internal)));
        }
        JsonNode problem = json(body);
        assertThat("status: " + answered, problem.path("status").isInt() ? problem.path("status").intValue() : null,
                equalTo(response.statusCode()));
        assertThat("title: " + answered, problem.path("title").asText(""), not(emptyOrNullString()));
        assertThat("detail: " + answered, problem.path("detail").asText(""), not(emptyOrNullString()));
        assertThat("instance is the path as sent: " + answered, problem.path("instance").asText(null), equalTo(path));
        assertValidUriReference(problem.path("instance").asText(), answered);
        return problem;
    }

    static JsonNode assertProblem(Response response, int status, String method, String path) {
        return assertProblem(response, Set.of(status), method + " " + path, path.replaceFirst("\\?.*", ""));
    }

    static void assertValidUriReference(String instance, String exchange) {
        try {
            new URI(instance);
        } catch (URISyntaxException e) {
            throw new AssertionError("instance is not a URI reference (" + e.getMessage() + "): " + exchange);
        }
    }

    /** The violations name every one of the fields, where they were and what is wrong with each. */
    static void assertViolations(JsonNode problem, String in, List<String> fields, String exchange) {
        for (String field : fields) {
            List<JsonNode> named = new ArrayList<>();
            problem.path("violations").forEach(violation -> {
                if (field.equals(violation.path("field").asText(null))) {
                    named.add(violation);
                }
            });
            assertThat("violations name " + field + ": " + exchange + " answered " + problem, named, not(empty()));
            assertThat("the violation says where " + field + " was: " + problem, named.get(0).path("in").asText(null), equalTo(in));
            assertThat("the violation says what is wrong: " + problem, named.get(0).path("message").asText(""), not(emptyOrNullString()));
        }
    }

    static List<String> violatedFields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("violations").forEach(violation -> fields.add(violation.path("field").asText(null)));
        return fields;
    }

    static JsonNode json(String body) {
        try {
            return READER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    static String write(JsonNode node) {
        try {
            return WRITER.writeValueAsString(node);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String base64Url(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    // ---- the classes of bad input ---------------------------------------------------------------------------

    /** A kind of bad input, and which operations it applies to, read from the document alone. */
    enum BadInput {
        MALFORMED_JSON(Operation::takesBody),
        WRONG_JSON_TYPE(Operation::takesBody),
        UNKNOWN_FIELD(Operation::takesBody),
        MISSING_REQUIRED_FIELD(operation -> operation.takesBody() && operation.bodySchema().path("required").size() > 0),
        UNSTORABLE_BODY_TEXT(Operation::takesBody),
        BODY_NOT_UTF8(Operation::takesBody),
        BODY_TOO_LARGE(Operation::takesBody),
        UNSUPPORTED_MEDIA_TYPE(Operation::takesBody),
        // Only where the success has a body: an operation answering 204 has no representation to refuse.
        UNACCEPTABLE(operation -> !operation.successMediaTypes().isEmpty()),
        MALFORMED_PATH_ID(operation -> operation.in("path").stream().anyMatch(Parameter::isUuid)),
        UNKNOWN_PATH_VALUE(operation -> !operation.in("path").isEmpty()),
        UNSTORABLE_PATH_TEXT(operation -> !operation.in("path").isEmpty()),
        MALFORMED_QUERY_FILTER(operation -> operation.in("query").stream().anyMatch(parameter -> parameter.isUuid() || parameter.isEnum())),
        MALFORMED_PAGING(Operation::isList),
        UNSTORABLE_QUERY_TEXT(operation -> !operation.in("query").isEmpty()),
        REPEATED_QUERY_PARAMETER(operation -> operation.in("query").stream().anyMatch(parameter -> !parameter.isArray())),
        MALFORMED_IF_MATCH(operation -> operation.parameter("header", "If-Match").isPresent()),
        MALFORMED_IF_NONE_MATCH(operation -> operation.parameter("header", "If-None-Match").isPresent()),
        MALFORMED_IDEMPOTENCY_KEY(operation -> operation.parameter("header", "Idempotency-Key").isPresent());

        final Predicate<Operation> appliesTo;

        BadInput(Predicate<Operation> appliesTo) {
            this.appliesTo = appliesTo;
        }
    }

    /**
     * One request of a class: the raw path (and query) as sent, what to add to the request, and the answer the
     * contract promises: one of the statuses and, for a 400, violations naming these fields where they were.
     */
    record Case(String name, String method, String target, UnaryOperator<RequestSpecification> request, Set<Integer> statuses,
            String in, List<String> fields) {

        String path() {
            return target.replaceFirst("\\?.*", "");
        }

        @Override
        public String toString() {
            return method + " " + target + " " + name;
        }
    }

    static Case invalid(String name, Operation operation, String target, UnaryOperator<RequestSpecification> request, String in,
            String... fields) {
        return new Case(name, operation.method(), target, request, Set.of(400), in, List.of(fields));
    }

    static Case refused(String name, Operation operation, String target, UnaryOperator<RequestSpecification> request, int status) {
        return new Case(name, operation.method(), target, request, Set.of(status), null, List.of());
    }

    static List<Case> cases(BadInput kind, Operation operation) {
        String path = samples.path(operation);
        return switch (kind) {
            case MALFORMED_JSON -> malformedJson(operation, path);
            case WRONG_JSON_TYPE -> wrongJsonTypes(operation, path);
            case UNKNOWN_FIELD -> unknownFields(operation, path);
            case MISSING_REQUIRED_FIELD -> missingRequiredFields(operation, path);
            case UNSTORABLE_BODY_TEXT -> unstorableBodyText(operation, path);
            case BODY_NOT_UTF8 -> bodiesNotUtf8(operation, path);
            case BODY_TOO_LARGE -> List.of(refused("with " + (MAX_BODY_BYTES + 32) + " bytes", operation, path,
                    r -> r.contentType(operation.bodyMediaType()).body("{\"x\": \"" + "x".repeat(MAX_BODY_BYTES) + "\"}"), 413));
            case UNSUPPORTED_MEDIA_TYPE -> unsupportedMediaTypes(operation, path);
            case UNACCEPTABLE -> List.of(refused("accepting only XML", operation, path, r -> withValidBody(operation, r).accept("application/xml"), 406));
            case MALFORMED_PATH_ID -> operation.in("path").stream().filter(Parameter::isUuid)
                    .flatMap(parameter -> Stream.of("not-a-uuid", "1-1-1-1-1", UNKNOWN_ID + "0", UNKNOWN_ID.replace('-', '_'))
                            .map(value -> invalid("{" + parameter.name() + "}=" + value, operation,
                                    samples.path(operation, Map.of(parameter.name(), value)), r -> withValidBody(operation, r), "path", parameter.name())))
                    .toList();
            case UNKNOWN_PATH_VALUE -> operation.in("path").stream()
                    .map(parameter -> {
                        String value = parameter.isUuid() ? UNKNOWN_ID : unique("no-such").toLowerCase(Locale.ROOT);
                        return refused("{" + parameter.name() + "}=" + value, operation, samples.path(operation, Map.of(parameter.name(), value)),
                                r -> withValidBody(operation, r), 404);
                    })
                    .toList();
            case UNSTORABLE_PATH_TEXT -> operation.in("path").stream()
                    .flatMap(parameter -> UNSTORABLE_PARAMETERS.stream()
                            .map(value -> invalid("{" + parameter.name() + "}=" + value, operation,
                                    samples.path(operation, Map.of(parameter.name(), value)), r -> withValidBody(operation, r), "path", parameter.name())))
                    .toList();
            case MALFORMED_QUERY_FILTER -> operation.in("query").stream()
                    .flatMap(parameter -> badFilterValues(parameter).stream()
                            .map(value -> invalid(parameter.name() + "=" + value, operation, path + "?" + parameter.name() + "=" + value,
                                    r -> r, "query", parameter.name())))
                    .toList();
            case MALFORMED_PAGING -> badPaging(operation).entrySet().stream()
                    .flatMap(parameter -> parameter.getValue().stream()
                            .map(value -> invalid(parameter.getKey() + "=" + value, operation, path + "?" + parameter.getKey() + "=" + value,
                                    r -> r, "query", parameter.getKey())))
                    .toList();
            case UNSTORABLE_QUERY_TEXT -> operation.in("query").stream()
                    .flatMap(parameter -> UNSTORABLE_PARAMETERS.stream()
                            .map(value -> invalid(parameter.name() + "=" + value, operation, path + "?" + parameter.name() + "=" + value,
                                    r -> r, "query", parameter.name())))
                    .toList();
            // Each value valid on its own: only the repetition is wrong.
            case REPEATED_QUERY_PARAMETER -> operation.in("query").stream().filter(parameter -> !parameter.isArray())
                    .map(parameter -> {
                        String twice = parameter.name() + "=" + validQueryValue(parameter, 0) + "&" + parameter.name() + "="
                                + validQueryValue(parameter, 1);
                        return invalid(twice, operation, path + "?" + twice, r -> r, "query", parameter.name());
                    })
                    .toList();
            // A precondition no version satisfies (a weak tag never does): 412, or 400 where it is read as malformed.
            case MALFORMED_IF_MATCH -> Stream.of("garbage", "\"unterminated", "W/\"0\"", "\"0\" \"1\"", ",")
                    .map(value -> new Case("If-Match: " + value, operation.method(), path,
                            r -> withValidBody(operation, r).header("If-Match", value), Set.of(400, 412), null, List.of()))
                    .toList();
            case MALFORMED_IF_NONE_MATCH -> Stream.of("garbage", "\"unterminated", "W/", ",")
                    .map(value -> new Case("If-None-Match: " + value, operation.method(), path,
                            r -> r.header("If-None-Match", value), ignoredOrRefused(), null, List.of()))
                    .toList();
            // An empty Idempotency-Key reaches the resource as no key at all (the operation runs without one): not
            // sent here, since it would change the samples; reported to the owner of Idempotency.
            case MALFORMED_IDEMPOTENCY_KEY -> Stream.of("two words", "k".repeat(256), "cl\u00e9", "tab\tbed")
                    .map(value -> invalid("Idempotency-Key: " + value.substring(0, Math.min(value.length(), 20)), operation, path,
                            r -> withValidBody(operation, r).header("Idempotency-Key", value), "header", "Idempotency-Key"))
                    .toList();
        };
    }

    /** A malformed If-None-Match on a read may be ignored (200), or refused; never a 304, never a 5xx. */
    static Set<Integer> ignoredOrRefused() {
        Set<Integer> statuses = new TreeSet<>(IntStream.range(400, 500).boxed().toList());
        statuses.add(200);
        return statuses;
    }

    // ---- bodies ---------------------------------------------------------------------------------------------

    /** A body that passes every syntactic check, built from the schema's examples (a merge patch: {}). */
    static RequestSpecification withValidBody(Operation operation, RequestSpecification request) {
        if (!operation.takesBody()) {
            return request;
        }
        String body = operation.bodyMediaType().equals(MergePatch.MEDIA_TYPE) ? "{}" : write(example(operation.bodySchema(), operation.id()));
        return request.contentType(operation.bodyMediaType()).body(body);
    }

    static JsonNode example(JsonNode schema, String where) {
        if (schema.has("example")) {
            return schema.get("example");
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        switch (schema.path("type").asText()) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                schema.path("required").forEach(required -> object.set(required.asText(),
                        example(schema.path("properties").path(required.asText()), where + "." + required.asText())));
                return object;
            }
            case "array" -> {
                return NODES.arrayNode().add(example(schema.path("items"), where + "[0]"));
            }
            case "string" -> {
                return TextNode.valueOf("uuid".equals(schema.path("format").asText()) ? UNKNOWN_ID : "x");
            }
            case "integer" -> {
                return IntNode.valueOf(schema.path("minimum").asInt(1));
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            default -> throw new AssertionError("cannot build a valid value for " + where + ": give its schema an example");
        }
    }

    /** Every property of a body schema, at every depth (array items as [0]), with its schema. */
    static Map<List<Object>, JsonNode> properties(JsonNode schema) {
        Map<List<Object>, JsonNode> properties = new LinkedHashMap<>();
        collect(schema, List.of(), properties);
        return properties;
    }

    private static void collect(JsonNode schema, List<Object> at, Map<List<Object>, JsonNode> properties) {
        if (!at.isEmpty()) {
            properties.put(at, schema);
        }
        schema.path("properties").fields().forEachRemaining(property -> collect(property.getValue(), append(at, property.getKey()), properties));
        if (schema.has("items")) {
            collect(schema.get("items"), append(at, 0), properties);
        }
    }

    static List<Object> append(List<Object> path, Object step) {
        List<Object> longer = new ArrayList<>(path);
        longer.add(step);
        return List.copyOf(longer);
    }

    /** "price.amount", "lessonIds[0]": how the violations name a property. */
    static String name(List<Object> path) {
        StringBuilder name = new StringBuilder();
        for (Object step : path) {
            name.append(step instanceof Integer index ? "[" + index + "]" : (name.isEmpty() ? "" : ".") + step);
        }
        return name.toString();
    }

    /** A body holding only {@code value} at {@code path}, inside the objects and arrays leading to it. */
    static JsonNode bodyWith(List<Object> path, JsonNode value) {
        JsonNode node = value;
        for (int i = path.size() - 1; i >= 0; i--) {
            if (path.get(i) instanceof Integer) {
                node = NODES.arrayNode().add(node);
            } else {
                ObjectNode object = NODES.objectNode();
                object.set((String) path.get(i), node);
                node = object;
            }
        }
        return node;
    }

    static List<Case> malformedJson(Operation operation, String path) {
        String first = operation.bodySchema().path("properties").fieldNames().next();
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("unclosed", "{\"" + first + "\": \"Unclosed");
        bodies.put("an array instead of an object", "[{\"" + first + "\": 1}]");
        bodies.put("trailing garbage", "{} trailing");
        bodies.put("a second document", "{} {}");
        bodies.put("empty", "");
        bodies.put("a trailing comma", "{\"" + first + "\": 1,}");
        bodies.put("a duplicate key", "{\"" + first + "\": " + write(example(operation.bodySchema().path("properties").path(first), first))
                + ", \"" + first + "\": " + write(example(operation.bodySchema().path("properties").path(first), first)) + "}");
        bodies.put("a string", "\"text\"");
        List<Case> cases = new ArrayList<>();
        bodies.forEach((name, body) -> cases.add(refused(name, operation, path, r -> r.contentType(operation.bodyMediaType()).body(body), 400)));
        return cases;
    }

    /** Values of another JSON type than the schema's, and strings its format or enumeration refuses. */
    static List<JsonNode> wrongValues(JsonNode schema) {
        List<JsonNode> values = new ArrayList<>();
        switch (schema.path("type").asText()) {
            case "string" -> {
                values.add(IntNode.valueOf(5));
                values.add(NODES.objectNode());
                if ("uuid".equals(schema.path("format").asText())) {
                    values.add(TextNode.valueOf("not-a-uuid"));
                    values.add(TextNode.valueOf("1-1-1-1-1"));
                }
                if (schema.has("enum")) {
                    values.add(TextNode.valueOf("no_such_value"));
                    values.add(TextNode.valueOf(schema.get("enum").get(0).asText().toUpperCase(Locale.ROOT)));
                }
            }
            case "integer" -> {
                values.add(TextNode.valueOf("5"));
                values.add(NODES.numberNode(5.5));
                values.add(NODES.booleanNode(true));
                values.add(NODES.numberNode(new java.math.BigInteger("99999999999999999999999")));
            }
            case "boolean" -> {
                values.add(TextNode.valueOf("true"));
                values.add(IntNode.valueOf(1));
            }
            case "object" -> {
                values.add(TextNode.valueOf("5 EUR"));
                values.add(NODES.arrayNode());
            }
            case "array" -> {
                values.add(TextNode.valueOf("all of them"));
                values.add(NODES.objectNode());
            }
            default -> throw new AssertionError("no wrong values for a property of type '" + schema.path("type").asText() + "': " + schema);
        }
        return values;
    }

    static List<Case> wrongJsonTypes(Operation operation, String path) {
        List<Case> cases = new ArrayList<>();
        properties(operation.bodySchema()).forEach((property, schema) -> {
            for (JsonNode value : wrongValues(schema)) {
                String body = write(bodyWith(property, value));
                cases.add(invalid(body, operation, path, r -> r.contentType(operation.bodyMediaType()).body(body), "body", name(property)));
            }
        });
        return cases;
    }

    static List<Case> unknownFields(Operation operation, String path) {
        List<Case> cases = new ArrayList<>();
        String top = "{\"noSuchField\": 1}";
        cases.add(invalid(top, operation, path, r -> r.contentType(operation.bodyMediaType()).body(top), "body", "noSuchField"));
        properties(operation.bodySchema()).forEach((property, schema) -> {
            if ("object".equals(schema.path("type").asText())) {
                ObjectNode unknown = NODES.objectNode().put("noSuchField", 1);
                String body = write(bodyWith(property, unknown));
                cases.add(invalid(body, operation, path, r -> r.contentType(operation.bodyMediaType()).body(body), "body",
                        name(append(property, "noSuchField"))));
            }
        });
        return cases;
    }

    static List<Case> missingRequiredFields(Operation operation, String path) {
        List<Case> cases = new ArrayList<>();
        List<String> required = new ArrayList<>();
        operation.bodySchema().path("required").forEach(field -> required.add(field.asText()));
        cases.add(invalid("{}", operation, path, r -> r.contentType(operation.bodyMediaType()).body("{}"), "body", required.toArray(String[]::new)));
        operation.bodySchema().path("properties").fields().forEachRemaining(property -> {
            JsonNode nested = property.getValue().path("required");
            if (nested.size() > 0) {
                ObjectNode body = (ObjectNode) example(operation.bodySchema(), operation.id());
                body.set(property.getKey(), NODES.objectNode());
                List<String> fields = new ArrayList<>();
                nested.forEach(field -> fields.add(property.getKey() + "." + field.asText()));
                String text = write(body);
                cases.add(invalid(text, operation, path, r -> r.contentType(operation.bodyMediaType()).body(text), "body", fields.toArray(String[]::new)));
            }
        });
        return cases;
    }

    static List<Case> unstorableBodyText(Operation operation, String path) {
        List<Case> cases = new ArrayList<>();
        properties(operation.bodySchema()).forEach((property, schema) -> {
            if ("string".equals(schema.path("type").asText())) {
                for (String text : UNSTORABLE_STRINGS) {
                    String body = write(bodyWith(property, TextNode.valueOf(text)));
                    cases.add(invalid(body, operation, path, r -> r.contentType(operation.bodyMediaType()).body(body), "body", name(property)));
                }
            }
        });
        // In a field name too (the parser refuses an unpaired surrogate there), which the answer must not echo raw.
        String name = "{\"\\ud800\": 1}";
        cases.add(refused(name, operation, path, r -> r.contentType(operation.bodyMediaType()).body(name), 400));
        return cases;
    }

    /**
     * A body whose bytes are not UTF-8, inside the value of each string property (where a lenient decoder would
     * store what the bytes seem to spell): 400 for the body as a whole, and nothing stored.
     */
    static List<Case> bodiesNotUtf8(Operation operation, String path) {
        List<Case> cases = new ArrayList<>();
        properties(operation.bodySchema()).forEach((property, schema) -> {
            if ("string".equals(schema.path("type").asText())) {
                String[] around = write(bodyWith(property, TextNode.valueOf("a\uE000b"))).split("\\\\[uU][eE]000");
                NOT_UTF8.forEach((name, bytes) -> {
                    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
                    body.writeBytes(around[0].getBytes(StandardCharsets.US_ASCII));
                    body.writeBytes(bytes);
                    body.writeBytes(around[1].getBytes(StandardCharsets.US_ASCII));
                    cases.add(invalid(name(property) + " holding " + name, operation, path,
                            r -> r.contentType(operation.bodyMediaType()).body(body.toByteArray()), "body", ""));
                });
            }
        });
        return cases;
    }

    /** Text and XML, and every JSON media type of the contract the operation does not consume. */
    static List<Case> unsupportedMediaTypes(Operation operation, String path) {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("text/plain", "x=1");
        bodies.put("application/xml", "<x/>");
        bodies.put("application/x-www-form-urlencoded", "x=1");
        Contract.operations().forEach(other -> other.bodies().keySet().forEach(media -> {
            if (!operation.bodies().containsKey(media)) {
                bodies.put(media, "{}");
            }
        }));
        List<Case> cases = new ArrayList<>();
        bodies.forEach((media, body) -> cases.add(refused("as " + media, operation, path, r -> r.contentType(media).body(body), 415)));
        return cases;
    }

    // ---- query parameters -----------------------------------------------------------------------------------

    static List<String> badFilterValues(Parameter parameter) {
        if (parameter.isUuid()) {
            return List.of("x", "1-1-1-1-1", UNKNOWN_ID + "0");
        }
        if (parameter.isEnum()) {
            return List.of("no_such_value", parameter.schema().get("enum").get(0).asText().toUpperCase(Locale.ROOT));
        }
        return List.of();
    }

    /** A value the parameter accepts on its own (the first or the second of two, which differ where they can). */
    static String validQueryValue(Parameter parameter, int which) {
        JsonNode schema = parameter.schema();
        if (schema.path("enum").isArray()) {
            return schema.get("enum").get(Math.min(which, schema.get("enum").size() - 1)).asText();
        }
        if (parameter.isUuid()) {
            return UNKNOWN_ID;
        }
        if ("integer".equals(schema.path("type").asText())) {
            return String.valueOf(which == 0 ? schema.path("minimum").asInt(1) : schema.path("maximum").asInt(2));
        }
        if (parameter.name().equals("cursor")) {
            return ""; // no cursor: the first page
        }
        return schema.has("example") ? schema.get("example").asText() : "x" + which;
    }

    /** Limits outside the schema's bounds or not integers; orders not offered; cursors not issued here. */
    static Map<String, List<String>> badPaging(Operation operation) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        JsonNode limit = operation.parameter("query", "limit").orElseThrow(() -> new AssertionError(operation + " is a list without limit")).schema();
        values.put("limit", List.of(String.valueOf(limit.path("minimum").asInt() - 1), String.valueOf(limit.path("maximum").asInt() + 1),
                "-1", "abc", "1.5", "1e2", "99999999999"));
        String sort = operation.sortFields().get(0);
        values.put("sort", List.of("no_such_field", "-", "--" + sort, sort + "," + sort, sort + ".x", "%2B" + sort));
        values.put("cursor", List.of("garbage!!", base64Url("junk"), base64Url(sort + "\nnot-a-uuid\nnot-a-value"),
                base64Url(sort + "\n" + UNKNOWN_ID + "\n2025-01-01T00:00:00Z"), base64Url("c1"), "%FF%FE"));
        return values;
    }

    // ---- running every case ---------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicContainer> everyOperationRefusesEveryBadInputThatAppliesToIt() {
        return Contract.operations().stream().map(operation -> DynamicContainer.dynamicContainer(operation.toString(),
                Arrays.stream(BadInput.values()).filter(kind -> kind.appliesTo.test(operation))
                        .map(kind -> DynamicContainer.dynamicContainer(kind.name(), cases(kind, operation).stream()
                                .map(refusal -> DynamicTest.dynamicTest(refusal.toString(), () -> assertRefusedAndNothingChanged(refusal)))))));
    }

    static void assertRefusedAndNothingChanged(Case refusal) {
        String before = DatabaseState.fingerprint();
        // JSON unless the case says otherwise: REST-assured would label a POST without a body as a form.
        RequestSpecification request = refusal.request().apply(apiWithInvalidRequest().urlEncodingEnabled(false).contentType(JSON));
        Response response = request.request(refusal.method(), refusal.target());
        if (response.statusCode() == 200 && refusal.statuses().contains(200)) {
            assertThat(refusal + " answered " + response.asString(), response.contentType(), startsWith(JSON));
        } else {
            JsonNode problem = assertProblem(response, refusal.statuses(), refusal.toString(), refusal.path());
            if (refusal.in() != null) {
                assertViolations(problem, refusal.in(), refusal.fields(), refusal.toString());
            }
        }
        assertThat("a refused request changed the database: " + refusal, DatabaseState.fingerprint(), equalTo(before));
    }

    /**
     * The suite understands every operation: each header parameter has a class that sends it bad values, each
     * body is JSON, each path parameter has a sample; and each class that applies to an operation gives it
     * at least one request. A new operation of a shape no class knows fails here, not silently.
     */
    @Test
    void everyOperationOfTheContractGetsEveryBadInputThatAppliesToIt() {
        List<String> missing = new ArrayList<>();
        List<Operation> operations = Contract.operations();
        assertThat("the served document has operations", operations, not(empty()));
        for (Operation operation : operations) {
            operation.in("header").forEach(header -> {
                if (!HEADERS_WITH_A_CLASS.contains(header.name())) {
                    missing.add(operation + ": header " + header.name() + " has no bad-input class");
                }
            });
            operation.in("cookie").forEach(cookie -> missing.add(operation + ": cookie " + cookie.name() + " has no bad-input class"));
            operation.bodies().keySet().forEach(media -> {
                if (!media.equals(JSON) && !media.endsWith("+json")) {
                    missing.add(operation + ": body of " + media + " has no bad-input classes");
                }
            });
            if (!operation.responses().contains("400")) {
                missing.add(operation + " does not declare 400");
            }
            Set<BadInput> applied = new LinkedHashSet<>();
            for (BadInput kind : BadInput.values()) {
                if (kind.appliesTo.test(operation)) {
                    applied.add(kind);
                    if (cases(kind, operation).isEmpty()) {
                        missing.add(operation + ": " + kind + " applies but gives no request");
                    }
                }
            }
            if (operation.takesBody() && !applied.containsAll(Set.of(BadInput.MALFORMED_JSON, BadInput.UNSTORABLE_BODY_TEXT, BadInput.BODY_NOT_UTF8))) {
                missing.add(operation + " takes a body but not every body class applies: " + applied);
            }
        }
        assertThat("operations the bad-input classes do not fully cover:\n  " + String.join("\n  ", missing), missing, empty());
    }

    /** A query parameter the contract declares as an array may be repeated: the values form one list. */
    @Test
    void aQueryParameterThatTakesSeveralValuesMayBeRepeated() {
        List<String> checked = new ArrayList<>();
        for (Operation operation : Contract.operations()) {
            for (Parameter parameter : operation.in("query")) {
                if (parameter.isArray() && operation.method().equals("GET")) {
                    String target = samples.path(operation) + "?" + parameter.name() + "=user.created&" + parameter.name() + "=invoice.*";
                    api().urlEncodingEnabled(false).get(target).then().statusCode(200);
                    checked.add(target);
                }
            }
        }
        assertThat("some operation takes a repeatable query parameter", checked, not(empty()));
    }

    // ---- requests that reach no operation -------------------------------------------------------------------

    @Test
    void anUnknownPathIs404() {
        for (String path : List.of("/api/v1/nothing-here", "/api/v2/users", "/api/v1/users/" + UNKNOWN_ID + "/friends", "/nothing",
                "/api/v1/nothing%20here/caf%C3%A9", "/api/v1/a%00b")) {
            // Plain REST-assured: the spec has no operation to validate this exchange against.
            assertProblem(RestAssured.given().urlEncodingEnabled(false).get(path), 404, "GET", path);
        }
    }

    /** Methods a path of the contract does not offer, unless the concrete path also matches another template. */
    @Test
    void aMethodThePathDoesNotSupportIs405() {
        List<Operation> operations = Contract.operations();
        Map<String, Set<String>> methods = new LinkedHashMap<>();
        operations.forEach(operation -> methods.computeIfAbsent(operation.path(), path -> new TreeSet<>()).add(operation.method()));
        List<String> checked = new ArrayList<>();
        for (Operation operation : operations) {
            if (!methods.containsKey(operation.path())) {
                continue;
            }
            String path = samples.path(operation);
            for (String method : List.of("GET", "PUT", "POST", "PATCH", "DELETE")) {
                boolean offeredHere = methods.get(operation.path()).contains(method);
                boolean offeredElsewhere = operations.stream().anyMatch(other -> other.method().equals(method) && matches(other.path(), path));
                if (offeredHere || offeredElsewhere) {
                    continue;
                }
                // Plain REST-assured: the spec has no operation for this method to validate the exchange against.
                RequestSpecification request = RestAssured.given().header("Authorization", "Bearer " + Tokens.admin());
                if (!method.equals("GET") && !method.equals("DELETE")) {
                    request.contentType(JSON).body("{}");
                }
                assertProblem(request.request(method, path), 405, method, path);
                checked.add(method + " " + operation.path());
            }
            methods.remove(operation.path());
        }
        assertThat("some path refuses some method", checked, not(empty()));
    }

    static boolean matches(String template, String path) {
        String[] expected = template.split("/");
        String[] actual = path.split("/");
        if (expected.length != actual.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (!expected[i].startsWith("{") && !expected[i].equals(actual[i])) {
                return false;
            }
        }
        return true;
    }

    // ---- instance and text, as received ---------------------------------------------------------------------

    @Test
    void theInstanceIsTheRequestPathAsSentAndAValidUriWhateverThePathHolds() {
        Map<String, Integer> paths = new LinkedHashMap<>();
        paths.put("/api/v1/courses/by-slug/caf%C3%A9%20au%20lait", 404);
        paths.put("/api/v1/courses/by-slug/100%25", 404);
        paths.put("/api/v1/courses/by-slug/a+b", 404);
        paths.put("/api/v1/courses/by-slug/%F0%9F%98%80", 404);
        paths.put("/api/v1/courses/by-slug/a%00b", 400);
        paths.put("/api/v1/users/caf%C3%A9", 400);
        paths.put("/api/v1/users/%20", 400);
        paths.forEach((path, status) -> assertProblem(apiWithInvalidRequest().urlEncodingEnabled(false).get(path), status, "GET", path));
    }

    @Test
    void textThatCanBeStoredExactlyIsAcceptedAsSent() throws IOException {
        String name = "Ada \ud83d\ude00 Lovelace \u00e9\u4e2d \u0001";
        ObjectNode user = NODES.objectNode().put("email", unique("text") + "@example.com").put("displayName", name).put("role", "student");
        String id = api().contentType(JSON).body(write(user)).post("/api/v1/users").then().statusCode(201).extract().path("id");
        assertThat(json(api().get("/api/v1/users/{id}", id).then().statusCode(200).extract().asString()).path("displayName").asText(), equalTo(name));

        api().urlEncodingEnabled(false).get("/api/v1/users?q=%F0%9F%98%80%20Lovelace").then().statusCode(200);
        assertProblem(api().urlEncodingEnabled(false).get("/api/v1/courses/by-slug/%F0%9F%98%80"), 404, "GET", "/api/v1/courses/by-slug/%F0%9F%98%80");
    }

    // ---- a refused request has no effect --------------------------------------------------------------------

    @Test
    void aRejectedReplaceChangesNeitherTheResourceNorItsETag() {
        String email = unique("unchanged") + "@example.com";
        String user = api().body(Map.of("email", email, "displayName", "Unchanged", "role", "student")).post("/api/v1/users")
                .then().statusCode(201).header("ETag", "\"0\"").extract().path("id");
        Map<String, Object> replacement = new HashMap<>(Map.of("email", unique("changed") + "@example.com", "displayName", "Changed",
                "role", "admin", "bio", "Changed", "timeZone", "Mars/Olympus_Mons"));

        Response refused = apiWithInvalidRequest().contentType(JSON).header("If-Match", "\"0\"").body(replacement).put("/api/v1/users/" + user);
        assertThat(violatedFields(assertProblem(refused, 400, "PUT", "/api/v1/users/" + user)), hasItem("timeZone"));

        api().get("/api/v1/users/{id}", user).then().statusCode(200).header("ETag", "\"0\"")
                .body("email", equalTo(email)).body("displayName", equalTo("Unchanged")).body("role", equalTo("student"));
    }

    @Test
    void aRejectedCourseReplaceOrLessonPatchChangesNothing() {
        String instructor = Fixtures.instructor();
        String course = Fixtures.course(instructor, "Kept title", 1500);
        String lesson = Fixtures.lesson(course, "Kept lesson", false);
        Map<String, Object> replacement = Map.of("slug", unique("changed"), "title", "Changed title", "instructorId", instructor,
                "price", Map.of("amount", -1, "currency", "EUR"));
        String coursePath = "/api/v1/courses/" + course;
        String lessonPath = coursePath + "/lessons/" + lesson;

        Response refusedCourse = apiWithInvalidRequest().contentType(JSON).header("If-Match", "\"0\"").body(replacement).put(coursePath);
        assertThat(violatedFields(assertProblem(refusedCourse, 400, "PUT", coursePath)), hasItem("price.amount"));
        Response refusedLesson = apiWithInvalidRequest().contentType(MergePatch.MEDIA_TYPE).header("If-Match", "\"0\"")
                .body(Map.of("title", "Changed lesson", "durationMinutes", 0)).patch(lessonPath);
        JsonNode problem = assertProblem(refusedLesson, 400, "PATCH", lessonPath);
        assertThat(violatedFields(problem), hasItems("durationMinutes"));
        assertThat("the detail summarises the violations: " + problem, problem.path("detail").asText(), containsString("durationMinutes"));

        api().get("/api/v1/courses/{id}", course).then().statusCode(200).header("ETag", "\"0\"")
                .body("title", equalTo("Kept title")).body("price.amount", equalTo(1500));
        api().get("/api/v1/courses/{course}/lessons/{lesson}", course, lesson).then().statusCode(200).header("ETag", "\"0\"")
                .body("title", equalTo("Kept lesson")).body("durationMinutes", equalTo(10));
    }

    @Test
    void aBeanValidationFailureHasADetailSummarisingItsViolations() {
        Response response = apiWithInvalidRequest().contentType(JSON).body("{}").post("/api/v1/users");
        JsonNode problem = assertProblem(response, 400, "POST", "/api/v1/users");
        for (String field : List.of("email", "displayName", "role")) {
            assertThat(problem.toString(), problem.path("detail").asText(), containsString(field));
        }
        assertThat(problem.toString(), violatedFields(problem), hasItems("email", "displayName", "role"));
    }
}
