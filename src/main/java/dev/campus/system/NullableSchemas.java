package dev.campus.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * "Nullable" as strict OpenAPI 3.0.3 readers take it (the clarified {@code nullable} of 3.0.3: it adds null to
 * the type only, it does not extend an enum, and it does not reach into a $ref or allOf), for every schema of the
 * document: a nullable enum lists null among its values, and a nullable reference is written as
 * {@code oneOf: [{$ref: X}, {type: <X's type>, nullable: true, enum: [null]}]}, since siblings of a $ref are
 * ignored and {@code nullable: true} beside {@code allOf: [{$ref: X}]} does not admit null where X does not.
 * Client generators read that oneOf as "X or null" (openapi-generator simplifies it to a nullable X;
 * openapi-typescript writes {@code X | null}).
 */
final class NullableSchemas {

    private NullableSchemas() {
    }

    /** Rewrites every nullable enum and nullable reference of the document, wherever the schema sits. */
    static void complete(OpenAPI openAPI) {
        Map<String, Schema> components = openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null ? Map.of()
                : openAPI.getComponents().getSchemas();
        forEachSchema(openAPI, schema -> complete(schema, components));
    }

    /** Calls back with every schema of the document, at every depth (components, parameters, bodies, headers). */
    static void forEachSchema(OpenAPI openAPI, Consumer<Schema> action) {
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            openAPI.getComponents().getSchemas().values().forEach(schema -> visit(schema, action));
        }
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(path -> {
            parameters(path.getParameters(), action);
            path.getOperations().values().forEach(operation -> {
                parameters(operation.getParameters(), action);
                if (operation.getRequestBody() != null) {
                    content(operation.getRequestBody().getContent(), action);
                }
                if (operation.getResponses() != null) {
                    operation.getResponses().getAPIResponses().values().forEach(response -> {
                        content(response.getContent(), action);
                        if (response.getHeaders() != null) {
                            response.getHeaders().values().forEach(header -> visit(header.getSchema(), action));
                        }
                    });
                }
            });
        });
    }

    private static void parameters(List<Parameter> parameters, Consumer<Schema> action) {
        if (parameters != null) {
            parameters.forEach(parameter -> visit(parameter.getSchema(), action));
        }
    }

    private static void content(Content content, Consumer<Schema> action) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().forEach(media -> visit(media.getSchema(), action));
        }
    }

    private static void visit(Schema schema, Consumer<Schema> action) {
        if (schema == null) {
            return;
        }
        action.accept(schema);
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> visit(property, action));
        }
        visit(schema.getItems(), action);
        visit(schema.getAdditionalPropertiesSchema(), action);
        visit(schema.getNot(), action);
        for (List<Schema> parts : Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (parts != null) {
                parts.forEach(part -> visit(part, action));
            }
        }
    }

    private static void complete(Schema schema, Map<String, Schema> components) {
        String reference = nullableReference(schema);
        if (reference != null) {
            schema.setRef(null);
            schema.setAllOf(null);
            schema.setAnyOf(null);
            // No type beside the oneOf: "type: string" there would refuse the null its second branch admits.
            schema.setType(null);
            schema.setOneOf(List.of(OASFactory.createSchema().ref(reference), nullOnly(components.get(reference.substring(reference.lastIndexOf('/') + 1)))));
        } else if (isNullable(schema) && schema.getEnumeration() != null && !schema.getEnumeration().contains(null)) {
            List<Object> values = new ArrayList<>(schema.getEnumeration());
            values.add(null);
            schema.setEnumeration(values);
        }
    }

    /**
     * The branch that admits null and nothing else, typed like the referenced schema: {@code {type: string,
     * nullable: true, enum: [null]}}. Untyped ({@code enum: [null]}), parsers such as swagger-parser give it the
     * type string, which refuses null again.
     */
    private static Schema nullOnly(Schema target) {
        Schema.SchemaType type = Schema.SchemaType.OBJECT;
        if (target != null && target.getType() != null) {
            type = target.getType().stream().filter(candidate -> candidate != Schema.SchemaType.NULL).findFirst().orElse(type);
        }
        List<Object> onlyNull = new ArrayList<>();
        onlyNull.add(null);
        return OASFactory.createSchema().type(List.of(type, Schema.SchemaType.NULL)).enumeration(onlyNull);
    }

    private static boolean isNullable(Schema schema) {
        return schema.getType() != null && schema.getType().contains(Schema.SchemaType.NULL);
    }

    /**
     * The target of a reference this schema makes nullable, in any form the scanner or a filter writes it:
     * {@code $ref} with a null type, {@code allOf: [{$ref}]} with a null type, or {@code anyOf: [{$ref}, {type: null}]}.
     */
    private static String nullableReference(Schema schema) {
        if (schema.getRef() != null && isNullable(schema)) {
            return schema.getRef();
        }
        if (schema.getAllOf() != null && schema.getAllOf().size() == 1 && isSoloReference(schema.getAllOf().get(0)) && isNullable(schema)) {
            return schema.getAllOf().get(0).getRef();
        }
        List<Schema> anyOf = schema.getAnyOf();
        if (anyOf != null && anyOf.size() == 2) {
            for (int i = 0; i < 2; i++) {
                Schema other = anyOf.get(1 - i);
                if (isSoloReference(anyOf.get(i)) && List.of(Schema.SchemaType.NULL).equals(other.getType()) && other.getRef() == null) {
                    return anyOf.get(i).getRef();
                }
            }
        }
        return null;
    }

    private static boolean isSoloReference(Schema schema) {
        return schema.getRef() != null && (schema.getType() == null || schema.getType().isEmpty()) && schema.getProperties() == null
                && schema.getAllOf() == null && schema.getAnyOf() == null && schema.getOneOf() == null;
    }
}
