package dev.campus.shared;

import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.resteasy.reactive.RestResponse;

/** Entity tags derived from a resource's version: conditional reads (304) and writes (412). */
public final class ETags {

    private ETags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * A conditional read (RFC 9110, 13.1.2) that answers 304 without loading the resource: when If-None-Match is
     * present, {@code visibleVersion} (one query for the version of the resource if the caller may see it, null
     * otherwise) decides; a match is a 304 with the ETag. Otherwise, and always without If-None-Match, the
     * resource is loaded by {@code load} (which raises the 401/403/404 problems of the full read): 304 when
     * If-None-Match names its version, otherwise 200 with its ETag and the body built by {@code body}.
     */
    public static <E extends VersionedEntity, T> RestResponse<T> read(HttpHeaders headers, Supplier<Long> visibleVersion,
            Supplier<E> load, Function<E, T> body) {
        String ifNoneMatch = headers.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            Long version = visibleVersion.get();
            if (version != null && matches(ifNoneMatch, version, true)) {
                return notModified(version);
            }
        }
        E entity = load.get();
        if (ifNoneMatch != null && matches(ifNoneMatch, entity.version, true)) {
            return notModified(entity.version);
        }
        return withTag(RestResponse.Status.OK, entity.version, body.apply(entity));
    }

    /** 304 Not Modified with the ETag of this version and no body. */
    private static <T> RestResponse<T> notModified(long version) {
        return RestResponse.ResponseBuilder.<T>create(Status.NOT_MODIFIED).tag(of(version)).build();
    }

    /**
     * 201 with Location, the created body and its ETag. Location is the relative reference as given (RFC 9110,
     * 10.2.2): JAX-RS's {@code created(URI)} would resolve it against the request's Host and forwarded scheme, and
     * fail on a malformed one; system.PublicUrls gives it the public origin where one is known.
     */
    public static <T> RestResponse<T> created(String location, long version, T body) {
        return RestResponse.ResponseBuilder.create(RestResponse.Status.CREATED, body).header(HttpHeaders.LOCATION, location).tag(of(version)).build();
    }

    public static <T> RestResponse<T> withTag(RestResponse.Status status, long version, T body) {
        return RestResponse.ResponseBuilder.<T>create(status, body).tag(of(version)).build();
    }

    /**
     * The preconditions of a write to an existing resource (RFC 9110, 13.1.1 and 13.1.2): it may go ahead only
     * when If-Match is absent or names the current version, and If-None-Match is absent or names neither the
     * current version nor "*". Otherwise a 412 problem, and nothing changes.
     */
    public static void requirePreconditions(HttpHeaders headers, long currentVersion) {
        Preconditions.of(headers).requireMet(currentVersion);
    }

    /** The check of {@link #requirePreconditions(HttpHeaders, long)} on the header values (null when absent). */
    static void requirePreconditions(String ifMatch, String ifNoneMatch, long currentVersion) {
        if (ifMatch != null && !matches(ifMatch, currentVersion, false)) {
            throw Problems.of(ProblemType.PRECONDITION_FAILED, "If-Match " + ifMatch + " does not match the current version "
                    + of(currentVersion) + "; read the resource again and retry");
        }
        if (ifNoneMatch != null && matches(ifNoneMatch, currentVersion, true)) {
            throw Problems.of(ProblemType.PRECONDITION_FAILED, "If-None-Match " + ifNoneMatch + " matches the current version "
                    + of(currentVersion) + "; the resource exists in that state");
        }
    }

    /**
     * A header holding "*" or a list of tags. If-None-Match compares weakly (W/"3" matches "3"); If-Match
     * strongly, so a weak tag never satisfies it (RFC 9110, 13.1).
     */
    private static boolean matches(String header, long version, boolean weak) {
        String current = Long.toString(version);
        for (String candidate : header.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                if (!weak) {
                    continue;
                }
                tag = tag.substring(2);
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            if (tag.equals(current)) {
                return true;
            }
        }
        return false;
    }
}
