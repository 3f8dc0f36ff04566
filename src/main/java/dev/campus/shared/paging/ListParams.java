package dev.campus.shared.paging;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestResponse;

import io.vertx.core.http.HttpServerRequest;

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
    HttpServerRequest httpRequest;

    public <E> PageRequest<E> request(Sorting<E> sorting) {
        return PageRequest.of(limit, sort, cursor, sorting);
    }

    /**
     * 200 with the page and, when there is a next page, a {@code Link: <...>; rel="next"} header (RFC 8288) to it: a
     * relative reference to this request's own path and query, as received, with the cursor replaced (the public
     * origin, where one is known, is system.PublicUrls' to add). Built from the request line alone, never from
     * Host or forwarded headers, so that an HTTP/1.0 request without Host pages like any other.
     */
    public <T> RestResponse<Page<T>> respond(Page<T> page) {
        RestResponse.ResponseBuilder<Page<T>> response = RestResponse.ResponseBuilder.ok(page);
        if (page.nextCursor() != null) {
            response.header("Link", "<" + nextPage(httpRequest.path(), httpRequest.query(), page.nextCursor()) + ">; rel=\"next\"");
        }
        return response.build();
    }

    /**
     * The raw path and query (still percent-encoded) with every {@code cursor} parameter dropped and this cursor
     * appended, in the order the other parameters came.
     */
    static String nextPage(String rawPath, String rawQuery, String cursor) {
        StringBuilder target = new StringBuilder(rawPath).append('?');
        if (rawQuery != null) {
            for (String parameter : rawQuery.split("&")) {
                if (!parameter.isEmpty() && !parameter.equals("cursor") && !parameter.startsWith("cursor=")) {
                    target.append(parameter).append('&');
                }
            }
        }
        return target.append("cursor=").append(URLEncoder.encode(cursor, StandardCharsets.UTF_8)).toString();
    }
}
