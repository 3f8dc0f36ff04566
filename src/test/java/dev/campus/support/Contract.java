package dev.campus.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.RestAssured;

/**
 * The operations of the OpenAPI document the service serves, read once per run: what suites that must cover
 * every operation (bad input, paging) iterate over, so that a new operation is covered the day it appears.
 */
public final class Contract {

    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    static final Pattern SORT_FIELDS = Pattern.compile("Sort fields?: ([^.]+)\\.");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode document;

    private Contract() {
    }

    public record Parameter(String name, String in, JsonNode schema) {

        public boolean isUuid() {
            return "uuid".equals(schema.path("format").asText());
        }

        public boolean isEnum() {
            return schema.path("enum").isArray();
        }

        /** Takes several values ({@code ?type=a&type=b}); every other query parameter takes one. */
        public boolean isArray() {
            return "array".equals(schema.path("type").asText());
        }
    }

    public record Operation(String id, String method, String path, List<Parameter> parameters, Map<String, JsonNode> bodies,
            Set<String> responses, JsonNode okSchema, String description, boolean anonymous, List<String> successMediaTypes) {

        public List<Parameter> in(String where) {
            return parameters.stream().filter(parameter -> parameter.in().equals(where)).toList();
        }

        public Optional<Parameter> parameter(String in, String name) {
            return parameters.stream().filter(parameter -> parameter.in().equals(in) && parameter.name().equals(name)).findFirst();
        }

        public boolean takesBody() {
            return !bodies.isEmpty();
        }

        /** The media type of the body (an operation takes one). */
        public String bodyMediaType() {
            return bodies.keySet().iterator().next();
        }

        /** The body schema with its references and single allOf resolved, at every depth. */
        public JsonNode bodySchema() {
            return bodies.values().iterator().next();
        }

        /** A list: its 200 is a page, {items: [...], nextCursor}, and it takes a cursor. */
        public boolean isList() {
            return okSchema != null && okSchema.path("properties").has("items") && okSchema.path("properties").has("nextCursor")
                    && parameter("query", "cursor").isPresent();
        }

        /** The sort orders the operation documents ("Sort fields: createdAt (default), title."), default first. */
        public List<String> sortFields() {
            Matcher listed = SORT_FIELDS.matcher(description == null ? "" : description);
            if (!listed.find()) {
                throw new AssertionError(id + " takes a sort parameter but its description lists no \"Sort fields: ...\"");
            }
            List<String> fields = new ArrayList<>();
            for (String field : listed.group(1).split(",")) {
                String name = field.replace("(default)", "").strip();
                fields.add(field.contains("(default)") ? 0 : fields.size(), name);
            }
            return fields;
        }

        @Override
        public String toString() {
            return id + " (" + method + " " + path + ")";
        }
    }

    public static synchronized JsonNode document() {
        if (document == null) {
            try {
                document = JSON.readTree(RestAssured.given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
            } catch (IOException e) {
                throw new AssertionError("the served OpenAPI document is not JSON", e);
            }
        }
        return document;
    }

    /** Every operation of the document, in document order. */
    public static List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        document().path("paths").fields().forEachRemaining(path -> {
            JsonNode shared = path.getValue().path("parameters");
            path.getValue().fields().forEachRemaining(entry -> {
                if (METHODS.contains(entry.getKey())) {
                    operations.add(operation(path.getKey(), entry.getKey().toUpperCase(), shared, entry.getValue()));
                }
            });
        });
        return operations;
    }

    public static Operation operation(String id) {
        return operations().stream().filter(operation -> operation.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no operation " + id + " in the served document"));
    }

    private static Operation operation(String path, String method, JsonNode shared, JsonNode node) {
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode parameter : shared) {
            parameters.add(new Parameter(parameter.path("name").asText(), parameter.path("in").asText(), resolve(parameter.path("schema"))));
        }
        for (JsonNode parameter : node.path("parameters")) {
            parameters.add(new Parameter(parameter.path("name").asText(), parameter.path("in").asText(), resolve(parameter.path("schema"))));
        }
        Map<String, JsonNode> bodies = new LinkedHashMap<>();
        node.path("requestBody").path("content").fields().forEachRemaining(media -> bodies.put(media.getKey(), resolve(media.getValue().path("schema"))));
        Set<String> responses = new TreeSet<>();
        node.path("responses").fieldNames().forEachRemaining(responses::add);
        Set<String> successMediaTypes = new java.util.LinkedHashSet<>();
        node.path("responses").fields().forEachRemaining(response -> {
            if (response.getKey().startsWith("2")) {
                response.getValue().path("content").fieldNames().forEachRemaining(successMediaTypes::add);
            }
        });
        JsonNode ok = node.path("responses").path("200").path("content").path("application/json").path("schema");
        boolean anonymous = false;
        for (JsonNode requirement : node.path("security")) {
            anonymous |= requirement.isEmpty(); // an empty requirement: anonymous callers are welcome
        }
        return new Operation(node.path("operationId").asText(), method, path, List.copyOf(parameters), bodies, responses,
                ok.isMissingNode() ? null : resolve(ok), node.path("description").asText(null), anonymous, List.copyOf(successMediaTypes));
    }

    /** A schema with every $ref replaced by its target and a single allOf merged into it, at every depth. */
    public static JsonNode resolve(JsonNode schema) {
        if (schema == null || schema.isMissingNode()) {
            return schema;
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            return resolve(document().at(ref.substring(1)));
        }
        if (!schema.isObject()) {
            return schema;
        }
        ObjectNode resolved = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = schema.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            switch (field.getKey()) {
                case "allOf" -> field.getValue().forEach(part -> resolve(part).fields().forEachRemaining(
                        inherited -> resolved.putIfAbsent(inherited.getKey(), inherited.getValue())));
                case "properties" -> {
                    ObjectNode properties = resolved.putObject("properties");
                    field.getValue().fields().forEachRemaining(property -> properties.set(property.getKey(), resolve(property.getValue())));
                }
                case "items" -> resolved.set("items", resolve(field.getValue()));
                default -> resolved.set(field.getKey(), field.getValue());
            }
        }
        return resolved;
    }
}
