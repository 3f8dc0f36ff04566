package dev.campus.shared;

import jakarta.ws.rs.core.HttpHeaders;

/**
 * The preconditions a client sent with a write (RFC 9110, 13.1.1 If-Match and 13.1.2 If-None-Match), as plain
 * values, so that a use case can check them against the row it has locked.
 *
 * @param ifMatch the If-Match header as sent, or null
 * @param ifNoneMatch the If-None-Match header as sent, or null
 */
public record Preconditions(String ifMatch, String ifNoneMatch) {

    /** No precondition: every check passes. */
    public static final Preconditions NONE = new Preconditions(null, null);

    /** The preconditions of this request's headers. */
    public static Preconditions of(HttpHeaders headers) {
        return new Preconditions(headers.getHeaderString(HttpHeaders.IF_MATCH), headers.getHeaderString(HttpHeaders.IF_NONE_MATCH));
    }

    /**
     * Returns normally when the write may go ahead on a resource at {@code currentVersion}: If-Match absent or
     * naming it, If-None-Match absent or naming neither it nor "*".
     *
     * @throws io.quarkiverse.resteasy.problem.HttpProblem 412 precondition-failed, and nothing changes
     */
    public void requireMet(long currentVersion) {
        ETags.requirePreconditions(ifMatch, ifNoneMatch, currentVersion);
    }
}
