package dev.campus.webhook;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The PATCH body of a webhook endpoint is WebhookEndpointPatch; the scanner also adds an allOf of the Java parameter
 * type (JsonNode), whose component the contract does not keep, so that allOf is dropped here.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class WebhookPatchSchemaFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        var path = openAPI.getPaths().getPathItem("/api/v1/webhook-endpoints/{id}");
        if (path == null || path.getPATCH() == null || path.getPATCH().getRequestBody() == null
                || path.getPATCH().getRequestBody().getContent() == null) {
            return;
        }
        var media = path.getPATCH().getRequestBody().getContent().getMediaType("application/merge-patch+json");
        if (media != null && media.getSchema() != null) {
            media.getSchema().setAllOf(null);
        }
    }
}
