package dev.campus.system;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The absolute URLs a response carries ({@code Location}, {@code Link}) never reflect a {@code Host} the service
 * cannot trust. Their scheme, host and port come from, in this order:
 * <ol>
 * <li>{@code campus.public-base-url} ({@code CAMPUS_PUBLIC_BASE_URL}) when it is set, whatever the request says;</li>
 * <li>the request as a trusted proxy forwarded it ({@code X-Forwarded-Proto}, {@code -Host}, {@code -Port}), when
 * the peer is one of {@code quarkus.http.proxy.trusted-proxies} ({@code CAMPUS_TRUSTED_PROXIES}); Quarkus then
 * marks the request with {@code X-Forwarded-Trusted-Proxy: true}, and overwrites that header when a client sends
 * it;</li>
 * <li>nothing: the reference is relative ({@code /api/v1/users/...}), which RFC 9110 (Location) and RFC 8288 (Link)
 * allow and every client resolves against the URL it called.</li>
 * </ol>
 * The URL is rewritten on the way out, so a response replayed for an Idempotency-Key gets the origin of the
 * request that replays it, not of the one that stored it.
 */
public class PublicUrls {

    /** Set by Quarkus on every request when quarkus.http.proxy.enable-trusted-proxy-header is true. */
    static final String TRUSTED_PROXY_HEADER = "X-Forwarded-Trusted-Proxy";
    private static final Pattern LINK_TARGET = Pattern.compile("<([^>]*)>");

    @ConfigProperty(name = "campus.public-base-url")
    Optional<URI> publicBaseUrl;

    @ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding", defaultValue = "false")
    boolean forwarding;

    @ConfigProperty(name = "quarkus.http.proxy.enable-trusted-proxy-header", defaultValue = "false")
    boolean trustedProxyHeader;

    /** Rewrites the Location and Link headers of every response to the trusted origin (or none). */
    @ServerResponseFilter
    public void rewrite(ContainerRequestContext request, ContainerResponseContext response) {
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        List<Object> links = response.getHeaders().get(HttpHeaders.LINK);
        if (location == null && (links == null || links.isEmpty())) {
            return;
        }
        String origin = origin(request);
        if (location != null) {
            response.getHeaders().putSingle(HttpHeaders.LOCATION, withOrigin(origin, location.toString()));
        }
        if (links != null) {
            links.replaceAll(link -> {
                Matcher target = LINK_TARGET.matcher(link.toString());
                StringBuilder out = new StringBuilder();
                while (target.find()) {
                    target.appendReplacement(out, Matcher.quoteReplacement("<" + withOrigin(origin, target.group(1)) + ">"));
                }
                return target.appendTail(out).toString();
            });
        }
    }

    /** "https://host[:port][/prefix]" without a trailing slash, or "" for a relative reference. */
    String origin(ContainerRequestContext request) {
        if (publicBaseUrl.isPresent()) {
            String base = publicBaseUrl.get().toString();
            return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        }
        if (forwarding && trustedProxyHeader && "true".equals(request.getHeaderString(TRUSTED_PROXY_HEADER))) {
            return forwardedOrigin(request);
        }
        return "";
    }

    /**
     * The origin a trusted proxy forwarded, when it is one: scheme http or https, a host (registered name, IPv4 or
     * bracketed IP literal, RFC 3986 3.2.2), an optional port of 1-65535, nothing else. A proxy that passes a client's
     * malformed X-Forwarded-Host or -Proto through (e.g. {@code a b}, {@code a/b?c}, {@code javascript}) gets a
     * relative reference instead of a 500 or a link to somewhere else.
     */
    static String forwardedOrigin(ContainerRequestContext request) {
        URI base;
        try {
            base = request.getUriInfo().getBaseUri();
        } catch (RuntimeException e) { // Quarkus REST's URISyntaxException, wrapped
            return "";
        }
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean valid = (scheme.equals("http") || scheme.equals("https")) && RequestLimits.isValidAuthority(base.getRawAuthority());
        return valid ? scheme + "://" + base.getRawAuthority() : "";
    }

    /** The path, query and fragment of {@code url} after {@code origin}. */
    static String withOrigin(String origin, String url) {
        URI uri = URI.create(url);
        StringBuilder out = new StringBuilder(origin).append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            out.append('?').append(uri.getRawQuery());
        }
        if (uri.getRawFragment() != null) {
            out.append('#').append(uri.getRawFragment());
        }
        return out.toString();
    }
}
