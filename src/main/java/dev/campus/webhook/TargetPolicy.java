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
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            return Optional.of("must have a port between 1 and 65535");
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

    /**
     * Whether the address is one a webhook may reach: not loopback, wildcard, link-local, private (RFC 1918, IPv6 unique
     * local fc00::/7), carrier-grade NAT (100.64.0.0/10), IETF protocol assignments (192.0.0.0/24), benchmarking
     * (198.18.0.0/15), multicast or reserved (224.0.0.0 and up), and, for IPv6 forms that carry an IPv4 address
     * (IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96 and its local-use 64:ff9b:1::/48, 6to4 2002::/16), not one whose
     * IPv4 address is refused; Teredo (2001::/32), whose IPv4 address is obscured, is refused as a whole (RFC 6890).
     */
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
                    && !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0)
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking
                    && first < 224;
        }
        if ((bytes[0] & 0xfe) == 0xfc) {
            return false; // IPv6 unique local fc00::/7
        }
        int word0 = (bytes[0] & 0xff) << 8 | bytes[1] & 0xff;
        int word1 = (bytes[2] & 0xff) << 8 | bytes[3] & 0xff;
        if (word0 == 0x2001 && word1 == 0) {
            return false; // Teredo
        }
        if (word0 == 0x2002) {
            return isPublicIpv4(bytes, 2); // 6to4
        }
        boolean zeroPrefix = true;
        for (int i = 0; i < 12; i++) {
            zeroPrefix &= bytes[i] == 0;
        }
        if (zeroPrefix) {
            return isPublicIpv4(bytes, 12); // IPv4-compatible ::a.b.c.d (deprecated, RFC 4291 2.5.5.1)
        }
        if (word0 == 0x64 && word1 == 0xff9b) {
            int word2 = (bytes[4] & 0xff) << 8 | bytes[5] & 0xff;
            return word2 == 0 && isPublicIpv4(bytes, 12); // NAT64: the well-known prefix only; 64:ff9b:1::/48 is local use
        }
        return true;
    }

    private static boolean isPublicIpv4(byte[] bytes, int offset) {
        try {
            return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, offset, offset + 4)));
        } catch (UnknownHostException e) {
            return false; // four bytes are always an address
        }
    }
}
