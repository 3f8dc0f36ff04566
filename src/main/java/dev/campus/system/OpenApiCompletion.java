package dev.campus.system;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

import dev.campus.shared.Idempotency;
import dev.campus.shared.MergePatch;
import dev.campus.shared.ProblemType;
import dev.campus.shared.TraceIds;
import dev.campus.shared.paging.Page;

/**
 * Completes the contract in one place: every error response carries the Problem schema as
 * application/problem+json with an example of each problem type it can carry (ProblemExamples), and every operation lists the errors any request can meet (400, 406
 * where its success has a body, 413 and 415 where it takes a body, 500, 503). Success responses declare their ETag, Location and Link headers. Scalar
 * types (UUID, Instant) are written inline, so that "nullable" means what it says to validators and client
 * generators, and every merge-patch body gets a schema of its own: the replace body with nothing required.
 */
public class OpenApiCompletion implements OASFilter {

    private static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final String BEARER = "bearer";
    private static final String JSON_NODE_REF = "#/components/schemas/JsonNode";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        Schema problem = problemSchema();
        ProblemExamples.describe(components, problem);
        components.addSchema("Problem", problem);
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme()
                .type(org.eclipse.microprofile.openapi.models.security.SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT")
                .description("A JWT whose subject is the user id and whose groups hold the role: student, instructor, admin or service"));
        openAPI.setComponents(components);
        // Relative, so the document is right wherever the service is deployed (Swagger UI calls the origin it came from).
        openAPI.setServers(List.of(OASFactory.createServer().url("/").description("This deployment of the Campus API, where this document is served")));
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((name, path) -> {
            path.getOperations().forEach((method, operation) -> complete(name, method, operation));
            describePatchBody(path, components);
        });
        inlineScalars(openAPI, components);
        namePages(openAPI, components);
        NullableSchemas.complete(openAPI);
    }

    /** Page schemas get API names: PageCourseResponse becomes CoursePage, and every reference follows. */
    private static void namePages(OpenAPI openAPI, Components components) {
        Map<String, String> renamed = new java.util.HashMap<>();
        new java.util.ArrayList<>(components.getSchemas().keySet()).forEach(name -> {
            java.util.regex.Matcher page = java.util.regex.Pattern.compile("Page(\\w+)Response").matcher(name);
            if (page.matches()) {
                Schema schema = components.getSchemas().get(name);
                components.removeSchema(name);
                components.addSchema(page.group(1) + "Page", schema);
                renamed.put("#/components/schemas/" + name, "#/components/schemas/" + page.group(1) + "Page");
            }
        });
        openAPI.getPaths().getPathItems().values().forEach(path -> path.getOperations().values().forEach(operation ->
                operation.getResponses().getAPIResponses().values().forEach(response -> {
                    if (response.getContent() != null) {
                        response.getContent().getMediaTypes().values().forEach(media -> {
                            if (media.getSchema() != null && renamed.containsKey(media.getSchema().getRef())) {
                                media.getSchema().setRef(renamed.get(media.getSchema().getRef()));
                            }
                        });
                    }
                })));
    }

    /** Appends the "Who may call" line of the authorization table to the operation's description. */
    private static void describeCallers(Operation operation) {
        String who = operation.getOperationId() == null ? null : AuthorizationTable.whoMayCall(operation.getOperationId());
        if (who != null) {
            String description = operation.getDescription();
            operation.setDescription(description == null || description.isBlank() ? who : description.strip() + "\n\n" + who);
        }
    }

    /** PATCH takes the fields of the PUT body, none required; null removes an optional field. */
    private static void describePatchBody(PathItem path, Components components) {
        if (path.getPATCH() != null && path.getPUT() == null) {
            dropJsonNode(path.getPATCH());
        }
        if (path.getPATCH() == null || path.getPUT() == null) {
            return;
        }
        var patchMedia = path.getPATCH().getRequestBody().getContent().getMediaType(MergePatch.MEDIA_TYPE);
        String replaceRef = path.getPUT().getRequestBody().getContent().getMediaType("application/json").getSchema().getRef();
        String replaceName = replaceRef.substring(replaceRef.lastIndexOf('/') + 1);
        patchMedia.setSchema(OASFactory.createSchema().ref(patchSchema(replaceName, components)));
    }

    /**
     * A PATCH without a PUT describes its body itself ({@code @Schema(implementation = ...)} on the JsonNode
     * parameter); the scanner also keeps a $ref to the Java type (written as an allOf beside the properties in
     * OpenAPI 3.0), whose component the contract does not keep.
     */
    private static void dropJsonNode(Operation patch) {
        if (patch.getRequestBody() == null || patch.getRequestBody().getContent() == null) {
            return;
        }
        var media = patch.getRequestBody().getContent().getMediaType(MergePatch.MEDIA_TYPE);
        if (media != null && media.getSchema() != null && JSON_NODE_REF.equals(media.getSchema().getRef())) {
            media.getSchema().setRef(null);
        }
    }

    /** Name of the patch variant of an object component, created on first use; nested objects patch recursively. */
    private static String patchSchema(String name, Components components) {
        String patchName = name + "Patch";
        if (components.getSchemas().containsKey(patchName)) {
            return patchName;
        }
        Schema patch = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("JSON merge patch (RFC 7396) of " + name + ": the fields to change; null removes an optional field")
                .additionalPropertiesBoolean(false);
        components.addSchema(patchName, patch);
        Schema replace = components.getSchemas().get(name);
        List<String> required = replace.getRequired() == null ? List.of() : replace.getRequired();
        replace.getProperties().forEach((property, schema) -> {
            String ref = schema.getRef();
            Schema target = ref == null ? null : components.getSchemas().get(ref.substring(ref.lastIndexOf('/') + 1));
            if (target != null && target.getProperties() != null) {
                Schema nested = OASFactory.createSchema().ref(patchSchema(ref.substring(ref.lastIndexOf('/') + 1), components));
                // A description beside a $ref is ignored in OpenAPI 3.0: keep it with allOf.
                patch.addProperty(property, schema.getDescription() == null ? nested
                        : OASFactory.createSchema().description(schema.getDescription()).addAllOf(nested));
            } else {
                Schema copy = ref != null ? schema : copyScalar(schema, schema);
                // null removes a field, which only optional fields allow.
                patch.addProperty(property, ref != null || required.contains(property) ? copy : copy.addType(Schema.SchemaType.NULL));
            }
        });
        return patchName;
    }

    /** Replaces references to scalar components (a string with a format, such as UUID) by the type itself. */
    private static void inlineScalars(OpenAPI openAPI, Components components) {
        Map<String, Schema> scalars = new java.util.HashMap<>();
        components.getSchemas().forEach((name, schema) -> {
            if (schema.getFormat() != null && schema.getProperties() == null && schema.getEnumeration() == null) {
                scalars.put("#/components/schemas/" + name, schema);
            }
        });
        components.getSchemas().values().forEach(schema -> inline(schema, scalars));
        openAPI.getPaths().getPathItems().values().forEach(path -> {
            if (path.getParameters() != null) {
                path.getParameters().forEach(parameter -> parameter.setSchema(inlined(parameter.getSchema(), scalars)));
            }
            path.getOperations().values().forEach(operation -> {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(parameter -> parameter.setSchema(inlined(parameter.getSchema(), scalars)));
                }
            });
        });
        scalars.keySet().forEach(ref -> components.removeSchema(ref.substring(ref.lastIndexOf('/') + 1)));
        // Merge-patch bodies are described by their *Patch schemas; the problem extension's own schemas by Problem.
        List.of("JsonNode", "JsonNodeType", "HttpProblem", "HttpValidationProblem", "Violation").forEach(components::removeSchema);
    }

    private static void inline(Schema schema, Map<String, Schema> scalars) {
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, property) -> schema.addProperty(name, inlined(property, scalars)));
            schema.getProperties().values().forEach(property -> inline(property, scalars));
        }
        if (schema.getItems() != null) {
            schema.setItems(inlined(schema.getItems(), scalars));
        }
    }

    private static Schema inlined(Schema schema, Map<String, Schema> scalars) {
        if (schema == null) {
            return null;
        }
        Schema target = scalars.get(schema.getRef());
        boolean nullable = false;
        for (List<Schema> composed : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            for (Schema part : composed == null ? List.<Schema>of() : composed) {
                if (scalars.containsKey(part.getRef())) {
                    target = scalars.get(part.getRef());
                } else if (part.getType() != null && part.getType().contains(Schema.SchemaType.NULL)) {
                    nullable = true;
                }
            }
        }
        if (target == null) {
            return schema;
        }
        Schema copy = copyScalar(target, schema);
        return nullable && !copy.getType().contains(Schema.SchemaType.NULL) ? copy.addType(Schema.SchemaType.NULL) : copy;
    }

    /** The type facets of {@code type} with the description, example and nullability of {@code use}. */
    private static Schema copyScalar(Schema type, Schema use) {
        List<Schema.SchemaType> types = new java.util.ArrayList<>(type.getType() == null ? List.of() : type.getType());
        if (use.getType() != null && use.getType().contains(Schema.SchemaType.NULL) && !types.contains(Schema.SchemaType.NULL)) {
            types.add(Schema.SchemaType.NULL);
        }
        return OASFactory.createSchema()
                .type(types)
                .format(type.getFormat())
                .pattern(type.getPattern())
                .maxLength(type.getMaxLength())
                .minLength(type.getMinLength())
                .minimum(type.getMinimum())
                .maximum(type.getMaximum())
                .enumeration(type.getEnumeration())
                .items(type.getItems())
                .description(use.getDescription() != null ? use.getDescription() : type.getDescription())
                .example(use.getExample() != null ? use.getExample() : type.getExample());
    }

    private static void complete(String path, PathItem.HttpMethod method, Operation operation) {
        APIResponses responses = operation.getResponses();
        secure(operation);
        describeCallers(operation);
        if (path.contains("{")) {
            addDefault(responses, "404", "A resource named in the path does not exist");
        }
        addDefault(responses, "400", "Malformed or invalid request: bad JSON, wrong types, unknown fields, bad ids, bad query parameters");
        // ContentNegotiation: only an operation whose success has a body can find no media type the caller accepts.
        if (responses.getAPIResponses().entrySet().stream().anyMatch(response -> response.getKey().startsWith("2")
                && response.getValue().getContent() != null && !response.getValue().getContent().getMediaTypes().isEmpty())) {
            addDefault(responses, "406", "The Accept header allows no media type this operation produces");
        }
        if (operation.getRequestBody() != null) {
            addDefault(responses, "413", "The request body is too large");
            addDefault(responses, "415", "The Content-Type is not one this operation consumes");
        }
        addDefault(responses, "500", "Unexpected server error");
        addDefault(responses, "503", "The database is unavailable; retry later");
        for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
            String code = response.getKey();
            if (code.startsWith("4") || code.startsWith("5")) {
                response.getValue().setContent(ProblemExamples.content(code, response.getValue().getContent(), operation, PROBLEM_MEDIA_TYPE, PROBLEM_REF));
            }
            if (code.equals("201")) {
                response.getValue().addHeader("Location", header("URL of the created resource"));
            }
            if ((code.equals("200") || code.equals("201")) && method != PathItem.HttpMethod.GET || code.equals("304")) {
                addETag(response.getValue());
            }
            if (code.equals("304")) {
                response.getValue().setContent(null);
            }
        }
        if (method == PathItem.HttpMethod.GET && responses.getAPIResponse("200") != null) {
            APIResponse ok = responses.getAPIResponse("200");
            if (operation.getParameters() != null && operation.getParameters().stream().anyMatch(p -> "cursor".equals(p.getName()))) {
                ok.addHeader("Link", header("<URL of the next page>; rel=\"next\" — absent on the last page"));
            } else {
                addETag(ok);
            }
        }
        if (method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.POST
                || method == PathItem.HttpMethod.POST && responses.getAPIResponse("412") != null) {
            addIfMatch(operation);
        }
        if (operation.getParameters() != null && operation.getParameters().stream().anyMatch(p -> Idempotency.HEADER.equals(p.getName()))) {
            operation.getParameters().stream().filter(p -> Idempotency.HEADER.equals(p.getName())).forEach(p -> p.setSchema(
                    OASFactory.createSchema().addType(Schema.SchemaType.STRING).minLength(1).maxLength(255).pattern("^[\\x21-\\x7E]{1,255}$")));
            // The success a stored response replays: the 201 of a create, else the 200.
            APIResponse success = responses.getAPIResponse("201") != null ? responses.getAPIResponse("201") : responses.getAPIResponse("200");
            if (success != null) {
                success.addHeader(Idempotency.REPLAYED_HEADER, OASFactory.createHeader()
                        .description("true when this response is the stored answer to an earlier request with the same Idempotency-Key; absent otherwise")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).enumeration(List.of("true"))));
            }
        }
        if (method == PathItem.HttpMethod.GET && responses.getAPIResponse("304") != null) {
            operation.addParameter(OASFactory.createParameter().name("If-None-Match").in(org.eclipse.microprofile.openapi.models.parameters.Parameter.In.HEADER)
                    .description("An ETag from an earlier read; answers 304 while it is current")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        }
    }

    /**
     * A bearer token everywhere; optional where anonymous callers are welcome. Those operations (the @PermitAll
     * ones) declare it themselves with two requirement sets, the empty one first:
     * {@code @SecurityRequirementsSet @SecurityRequirementsSet(@SecurityRequirement(name = "bearer"))}, which is
     * {@code security: [{}, {bearer: []}]}. Every other operation gets {@code [{bearer: []}]} here. 401 when a
     * token is bad or missing; 403 where a role can be refused.
     */
    private static void secure(Operation operation) {
        List<SecurityRequirement> declared = operation.getSecurity() == null ? List.of() : operation.getSecurity();
        boolean anonymous = declared.stream().anyMatch(requirement -> requirement.getSchemes() == null || requirement.getSchemes().isEmpty());
        if (!anonymous) {
            addDefault(operation.getResponses(), "403", "The caller's role does not allow this on a resource they can see");
        }
        if (declared.stream().noneMatch(requirement -> requirement.hasScheme(BEARER))) {
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(BEARER));
        }
        addDefault(operation.getResponses(), "401", anonymous ? "The bearer token is invalid or expired" : "No bearer token, or an invalid or expired one");
    }

    private static void addIfMatch(Operation operation) {
        if (operation.getResponses().getAPIResponse("412") == null) {
            return;
        }
        operation.addParameter(OASFactory.createParameter().name("If-Match").in(org.eclipse.microprofile.openapi.models.parameters.Parameter.In.HEADER)
                .description("The ETag of the version this change is based on; 412 when it is no longer current")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
    }

    private static void addETag(APIResponse response) {
        response.addHeader("ETag", header("Version of the resource, for If-None-Match and If-Match"));
    }

    private static Header header(String description) {
        return OASFactory.createHeader().description(description).schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }

    private static void addDefault(APIResponses responses, String code, String description) {
        if (responses.getAPIResponse(code) == null) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        }
    }

    private static Schema problemSchema() {
        Schema violation = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("The offending field or parameter"))
                .addProperty("in", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("body, query, path or header"))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("What is wrong with it"));
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details")
                .required(List.of("type", "title", "status"))
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri-reference"))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("Short summary, fixed per type"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32").description("The HTTP status code"))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("What went wrong with this request, for people"))
                .addProperty("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri-reference")
                        .description("The request path as received (percent-encoded)"))
                .addProperty("violations", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(violation)
                        .description("Every invalid input of a 400, one entry each"))
                .addProperty(TraceIds.MEMBER, OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .pattern("^[0-9a-f]{32}$").description("The W3C trace id of the request (its traceparent), to find its trace and log lines"))
                .example(new java.util.TreeMap<>(Map.of("type", ProblemType.SLUG_TAKEN.uri().toString(), "title", ProblemType.SLUG_TAKEN.title(),
                        "status", ProblemType.SLUG_TAKEN.status(), "detail", "A course with this slug already exists", "instance", "/api/v1/courses")));
    }
}
