package dev.campus.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where webhooks may go (against server-side request forgery): http or https URLs only, without user info, to
 * hosts whose every address is public. Loopback, private (RFC 1918, unique local), link-local (cloud metadata),
 * wildcard and multicast addresses are refused unless campus.webhooks.allowed-hosts names the host as written in
 * the URL. Checked when an endpoint is saved and again before every attempt (DNS answers change).
 */
@ApplicationScoped
public class TargetPolicy {

    @ConfigProperty(name = "campus.webhooks.allowed-hosts")
    Optional<List<String>> allowedHosts;

    /** Why the URL may not be a webhook target; empty when it may. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("must be an absolute http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Optional.of("must be an absolute http or https URL with a host, without user info or fragment");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (allowedHosts.orElse(List.of()).stream().anyMatch(allowed -> allowed.strip().toLowerCase(Locale.ROOT).equals(host))) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return Optional.of("names a host that does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return Optional.of("must not point at a loopback, private, link-local or otherwise internal address"
                        + " (campus.webhooks.allowed-hosts can allow a host)");
            }
        }
        return Optional.empty();
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first != 0 && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    && !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0) && first < 224;
        }
        return (bytes[0] & 0xfe) != 0xfc; // IPv6 unique local fc00::/7
    }
}
