package dev.campus.system;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.campus.shared.ProblemType;
import dev.campus.shared.Problems;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Requests refused before any resource is reached are answered with problem+json (RFC 9457) too, not with the
 * HTTP layer's empty bodies: a request target longer than campus.http.max-uri-length (414), header fields
 * larger than campus.http.max-header-size in all (431), a malformed percent-encoding in the path or query
 * (400), and a body larger than quarkus.http.limits.max-body-size (413), whether it announces its
 * Content-Length or arrives chunked. Netty's own limits (quarkus.http.limits.max-initial-line-length,
 * max-header-size) are set above ours, so that ours answer first; a request beyond even those still gets
 * Netty's bare reply, as Quarkus offers no hook for it (quarkusio/quarkus#55082).
 */
@Singleton
public class RequestLimits {

    static final String HOST_REQUIRED = "The request needs exactly one valid Host header (RFC 9112, 3.2)";

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    @ConfigProperty(name = "campus.http.max-uri-length", defaultValue = "4096")
    int maxUriLength;

    @ConfigProperty(name = "campus.http.max-header-size", defaultValue = "20K")
    MemorySize maxHeaderSize;

    void install(@Observes Router router) {
        long bodyLimit = maxBodySize.asLongValue();
        long headerLimit = maxHeaderSize.asLongValue();
        // Reads a chunked body (no Content-Length) before Quarkus REST does, so that one over the limit fails here
        // with 413 (answered by the failure handler below) instead of the REST layer's empty 413.
        BodyHandler chunkedBodies = BodyHandler.create(false).setBodyLimit(bodyLimit);
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            HttpServerRequest request = context.request();
            if (request.uri().length() > maxUriLength) {
                answer(context, ProblemType.URI_TOO_LONG, "The request target is longer than the " + maxUriLength + " characters the service accepts");
            } else if (headerSize(request) > headerLimit) {
                answer(context, ProblemType.HEADER_FIELDS_TOO_LARGE, "The request's header fields are larger than the " + headerLimit + " bytes the service accepts");
            } else if (!hasValidHost(request)) {
                answer(context, ProblemType.VALIDATION, HOST_REQUIRED);
            } else if (!isWellEncoded(context)) {
                answer(context, ProblemType.VALIDATION, "The request target has a malformed percent-encoding");
            } else if (isOver(request.getHeader(HttpHeaders.CONTENT_LENGTH), bodyLimit)) {
                answer(context, ProblemType.CONTENT_TOO_LARGE, "The request body is larger than the " + bodyLimit + " bytes the service accepts");
            } else if (isChunked(request)) {
                chunkedBodies.handle(context);
            } else {
                context.next();
            }
        }).failureHandler(context -> {
            if (!context.response().ended() && !hasValidHost(context.request())) {
                // Vert.x fails an HTTP/1.x request without Host as soon as anything asks for its authority,
                // before this route's handler runs: the same 400 as above, as a problem.
                answer(context, ProblemType.VALIDATION, HOST_REQUIRED);
                return;
            }
            int status = context.failure() instanceof io.vertx.ext.web.handler.HttpException http ? http.getStatusCode() : context.statusCode();
            if (context.response().ended() || context.failure() != null && !(context.failure() instanceof io.vertx.ext.web.handler.HttpException)) {
                context.next(); // exceptions are the problem mappers' to answer
            } else if (status == 413) {
                answer(context, ProblemType.CONTENT_TOO_LARGE, "The request body is larger than the " + bodyLimit + " bytes the service accepts");
            } else if (status == 400) {
                // Vert.x fails a request whose path it cannot decode or normalise before any route sees it.
                answer(context, ProblemType.VALIDATION, "The request target is malformed (e.g. a bad percent-encoding)");
            } else {
                context.next();
            }
        });
    }

    /**
     * An HTTP/1.x request has exactly one Host header, a valid authority ({@link #isValidAuthority}, RFC 9112 3.2);
     * a server must answer 400 otherwise. HTTP/1.0 may omit Host, but Vert.x 4 refuses such a request too, so it gets the same 400 rather
     * than Vert.x's bare error page. HTTP/2 carries the authority in its pseudo-header, which Netty checks. Behind a
     * trusted proxy Quarkus has already replaced Host with the forwarded host, which is then the one checked.
     */
    static boolean hasValidHost(HttpServerRequest request) {
        if (request.version() == io.vertx.core.http.HttpVersion.HTTP_2) {
            return true;
        }
        java.util.List<String> hosts = request.headers().getAll(HttpHeaders.HOST);
        if (hosts.size() != 1) {
            return false;
        }
        return isValidAuthority(hosts.get(0).strip());
    }

    /**
     * A valid {@code uri-host [ ":" port ]} (RFC 3986, 3.2.2-3.2.3): a registered name, IPv4 address or bracketed IP
     * literal, without user info, and a port of 1-65535 when one is given. The Host rule above and the forwarded
     * origin system.PublicUrls believes both ask this.
     */
    static boolean isValidAuthority(String host) {
        if (host == null || host.isEmpty() || host.length() > 255 + 6) {
            return false;
        }
        if (isPlainNameAndPort(host)) {
            return true; // the usual case, without parsing a URI on every request
        }
        try {
            java.net.URI uri = new java.net.URI("http://" + host + "/");
            return uri.getHost() != null && uri.getRawUserInfo() == null && host.equals(uri.getRawAuthority())
                    && (uri.getPort() == -1 || uri.getPort() >= 1 && uri.getPort() <= 65535);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** Letters, digits, '.', '-' (a DNS name or IPv4 address), then optionally ':' and a port of 1-65535. */
    private static boolean isPlainNameAndPort(String host) {
        int colon = host.indexOf(':');
        int end = colon < 0 ? host.length() : colon;
        if (end == 0) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = host.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-')) {
                return false;
            }
        }
        if (colon < 0) {
            return true;
        }
        String port = host.substring(colon + 1);
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int number = Integer.parseInt(port);
        return number >= 1 && number <= 65535;
    }

    /**
     * The request target is a URI whose percent signs each start a two-digit hex escape (RFC 3986, 2.1): the check
     * Quarkus's root handler makes, switched off with the system property vertx.disableURIValidation so that this
     * answer is a problem (see Main). Escapes that are well-formed but decode to text that is not UTF-8 reach
     * the resource layer, where StorableText names the parameter.
     */
    static boolean isWellEncoded(RoutingContext context) {
        String target = context.request().uri();
        try {
            new java.net.URI(target);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        for (int i = target.indexOf('%'); i >= 0; i = target.indexOf('%', i + 1)) {
            if (i + 2 >= target.length() || Character.digit(target.charAt(i + 1), 16) < 0 || Character.digit(target.charAt(i + 2), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * An HTTP/1.1 body of unannounced length (Transfer-Encoding: chunked) still to be read. Only HTTP/1.x: an
     * HTTP/2 request read here would be "already read" for Quarkus REST (it pauses the stream), so an HTTP/2
     * body over the limit keeps the HTTP layer's own 413.
     */
    private static boolean isChunked(HttpServerRequest request) {
        return request.version() != io.vertx.core.http.HttpVersion.HTTP_2 && !request.isEnded()
                && request.getHeader(HttpHeaders.CONTENT_LENGTH) == null && request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    private static long headerSize(HttpServerRequest request) {
        long size = 0;
        for (var header : request.headers()) {
            size += header.getKey().length() + header.getValue().length() + 4;
        }
        return size;
    }

    private static boolean isOver(String length, long limit) {
        if (length == null) {
            return false;
        }
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // a malformed header is the HTTP layer's to reject
        }
    }

    /** Ends the exchange with a problem+json body; the connection is closed, as the body may not have been read. */
    private static void answer(RoutingContext context, ProblemType type, String detail) {
        var response = context.response()
                .setStatusCode(type.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .putHeader(HttpHeaders.CONNECTION, "close");
        response.end(Problems.json(type, detail, Problems.instance(context.request().uri()).toString()));
    }

}
