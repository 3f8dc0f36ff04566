package dev.campus.shared.paging;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The paging parameters every list takes. Kept as strings so that a malformed value is answered with a 400
 * problem naming the parameter, not with the framework's default.
 */
public class ListParams {

    @QueryParam("limit")
    @Parameter(description = "Page size, 1 to 100", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "100", defaultValue = "20"), example = "20")
    String limit;

    @QueryParam("cursor")
    @Parameter(description = "Opaque cursor from the previous page's nextCursor (or its Link rel=next header)")
    String cursor;

    @QueryParam("sort")
    @Parameter(description = "Sort order: a field, prefixed with '-' for descending order; the schema's enum lists this list's orders, default first")
    String sort;

    @Context
    UriInfo uriInfo;

    public <E> PageRequest<E> request(Sorting<E> sorting) {
        return PageRequest.of(limit, sort, cursor, sorting);
    }

    /** 200 with the page and, when there is a next page, a Link rel="next" header to it. */
    public <T> RestResponse<Page<T>> respond(Page<T> page) {
        RestResponse.ResponseBuilder<Page<T>> response = RestResponse.ResponseBuilder.ok(page);
        if (page.nextCursor() != null) {
            response.header("Link", "<" + uriInfo.getRequestUriBuilder().replaceQueryParam("cursor", page.nextCursor()).build() + ">; rel=\"next\"");
        }
        return response.build();
    }
}
