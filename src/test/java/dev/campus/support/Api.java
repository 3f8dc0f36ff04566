package dev.campus.support;

import static io.restassured.RestAssured.given;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * REST-assured entry points that check every exchange against the OpenAPI document the service serves, read as
 * strict OpenAPI 3.0 tools read it ({@link StrictOpenApi30}):
 * {@link #api()} validates request and response, {@link #apiWithInvalidRequest()} only the response (for
 * tests that send deliberately invalid requests and check the error the contract promises). Both call as an
 * admin unless told otherwise with {@link #as(String)} or {@link #anonymous()}.
 */
public final class Api {

    private static OpenApiValidationFilter strict;
    private static OpenApiValidationFilter responsesOnly;

    private Api() {
    }

    public static RequestSpecification api() {
        return as(Tokens.admin());
    }

    /** Calls with this bearer token. */
    public static RequestSpecification as(String token) {
        return anonymous().header("Authorization", "Bearer " + token);
    }

    /** Calls without a token. */
    public static RequestSpecification anonymous() {
        return given().filter(strict()).contentType(ContentType.JSON);
    }

    /** Calls with this bearer token (or none, when null) and checks only the response against the contract. */
    public static RequestSpecification unchecked(String token) {
        RequestSpecification request = given().filter(responsesOnly()).contentType(ContentType.JSON);
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    public static RequestSpecification apiWithInvalidRequest() {
        return given().filter(responsesOnly()).header("Authorization", "Bearer " + Tokens.admin());
    }

    private static synchronized OpenApiValidationFilter strict() {
        if (strict == null) {
            strict = new OpenApiValidationFilter(validator(LevelResolver.create().build()));
        }
        return strict;
    }

    private static synchronized OpenApiValidationFilter responsesOnly() {
        if (responsesOnly == null) {
            responsesOnly = new OpenApiValidationFilter(validator(LevelResolver.create()
                    .withLevel("validation.request", ValidationReport.Level.IGNORE)
                    .build()));
        }
        return responsesOnly;
    }

    private static OpenApiInteractionValidator validator(LevelResolver levels) {
        String spec = given().baseUri(RestAssured.baseURI).port(RestAssured.port).get("/q/openapi?format=json").asString();
        return OpenApiInteractionValidator.createForInlineApiSpecification(spec).withLevelResolver(levels)
                .withSchemaFactorySupplier(StrictOpenApi30::schemaFactory).build();
    }
}
