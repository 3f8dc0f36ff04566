package dev.campus.support;

import java.util.Set;

import com.atlassian.oai.validator.schema.SwaggerV20Library;
import com.atlassian.oai.validator.schema.format.Base64Attribute;
import com.atlassian.oai.validator.schema.format.DoubleAttribute;
import com.atlassian.oai.validator.schema.format.FloatAttribute;
import com.atlassian.oai.validator.schema.format.Int32Attribute;
import com.atlassian.oai.validator.schema.format.Int64Attribute;
import com.atlassian.oai.validator.schema.keyword.Discriminator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.fge.jackson.NodeType;
import com.github.fge.jsonschema.cfg.ValidationConfiguration;
import com.github.fge.jsonschema.core.keyword.syntax.checkers.draftv4.DraftV4TypeSyntaxChecker;
import com.github.fge.jsonschema.core.keyword.syntax.checkers.helpers.TypeOnlySyntaxChecker;
import com.github.fge.jsonschema.core.report.ListReportProvider;
import com.github.fge.jsonschema.core.report.LogLevel;
import com.github.fge.jsonschema.format.common.URIAttribute;
import com.github.fge.jsonschema.format.draftv3.DateAttribute;
import com.github.fge.jsonschema.format.extra.UUIDFormatAttribute;
import com.github.fge.jsonschema.keyword.digest.AbstractDigester;
import com.github.fge.jsonschema.keyword.digest.draftv4.DraftV4TypeDigester;
import com.github.fge.jsonschema.keyword.validator.draftv4.DraftV4TypeValidator;
import com.github.fge.jsonschema.library.DraftV4Library;
import com.github.fge.jsonschema.library.Keyword;
import com.github.fge.jsonschema.library.Library;
import com.github.fge.jsonschema.main.JsonSchemaFactory;
import com.github.fge.msgsimple.load.MessageBundles;

/**
 * The JSON-schema validator the tests check every exchange with (swagger-request-validator's schema factory),
 * reading the document as strict OpenAPI 3.0.3 tools do. swagger-request-validator's own library is lenient in
 * one place that matters: its {@code nullable} adds null to an enum too, so a nullable enum that does not list
 * null passed every test while strict validators and generated clients refused live responses. Here:
 * <ul>
 * <li>{@code nullable: true} adds null to the {@code type} beside it and does nothing else: not to {@code enum},
 * not through {@code allOf} or a {@code $ref}, not where no type is given;</li>
 * <li>{@code enum} is exactly the listed values;</li>
 * <li>every {@code format} the document uses is checked ({@link #FORMATS}; a test fails on one that is not);</li>
 * <li>{@code additionalProperties} is validated (swagger-request-validator closes objects that do not declare it,
 * stricter than the document: a property the document does not list fails a test).</li>
 * </ul>
 */
public final class StrictOpenApi30 {

    /** Any URI so that the library is the default one: schemas of the document carry no $schema. */
    static final String LIBRARY_URI = "https://spec.openapis.org/oas/3.0/strict#";

    /** The formats this validator checks: draft 4's own, OpenAPI 3.0's, and those of the Campus contract. */
    public static final Set<String> FORMATS = Set.of("date-time", "email", "hostname", "ipv4", "ipv6", "uri", "regex",
            "int32", "int64", "float", "double", "byte", "date", "uuid", "uri-reference");

    private StrictOpenApi30() {
    }

    /** A schema factory for {@code OpenApiInteractionValidator.Builder.withSchemaFactorySupplier}. */
    public static JsonSchemaFactory schemaFactory() {
        return JsonSchemaFactory.newBuilder()
                .setValidationConfiguration(ValidationConfiguration.newBuilder()
                        .setDefaultLibrary(LIBRARY_URI, library())
                        .setSyntaxMessages(MessageBundles.getBundle(SwaggerV20Library.SyntaxBundle.class))
                        .setValidationMessages(MessageBundles.getBundle(SwaggerV20Library.ValidationBundle.class))
                        .freeze())
                .setReportProvider(new ListReportProvider(LogLevel.ERROR, LogLevel.FATAL))
                .freeze();
    }

    static Library library() {
        return DraftV4Library.get().thaw()
                .addFormatAttribute("int32", Int32Attribute.getInstance())
                .addFormatAttribute("int64", Int64Attribute.getInstance())
                .addFormatAttribute("float", FloatAttribute.getInstance())
                .addFormatAttribute("double", DoubleAttribute.getInstance())
                .addFormatAttribute("byte", Base64Attribute.getInstance())
                .addFormatAttribute("date", DateAttribute.getInstance())
                .addFormatAttribute("uuid", UUIDFormatAttribute.getInstance())
                // java.net.URI parses URI references, relative ones included (RFC 3986, 4.1).
                .addFormatAttribute("uri-reference", URIAttribute.getInstance())
                .addKeyword(Keyword.newBuilder("type")
                        .withSyntaxChecker(DraftV4TypeSyntaxChecker.getInstance())
                        .withDigester(NullableType.INSTANCE)
                        .withValidatorClass(DraftV4TypeValidator.class)
                        .freeze())
                .addKeyword(Keyword.newBuilder("nullable")
                        .withSyntaxChecker(new TypeOnlySyntaxChecker("nullable", NodeType.BOOLEAN))
                        .freeze())
                .addKeyword(Discriminator.getInstance())
                .freeze();
    }

    /** Draft 4's {@code type}, with null added where the same schema says {@code nullable: true}. */
    static final class NullableType extends AbstractDigester {

        static final NullableType INSTANCE = new NullableType();

        private NullableType() {
            super("type", NodeType.ARRAY, NodeType.values());
        }

        @Override
        public JsonNode digest(JsonNode schema) {
            JsonNode digest = DraftV4TypeDigester.getInstance().digest(schema);
            ArrayNode types = (ArrayNode) digest.get(keyword);
            boolean listed = false;
            for (JsonNode type : types) {
                listed |= "null".equals(type.asText());
            }
            if (schema.path("nullable").asBoolean(false) && !listed) {
                types.add("null");
            }
            return digest;
        }
    }
}
