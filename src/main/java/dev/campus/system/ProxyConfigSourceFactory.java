package dev.campus.system;

/**
 * Forwarded headers ({@code X-Forwarded-*}, RFC 7239 {@code Forwarded}) are parsed only when
 * {@code CAMPUS_TRUSTED_PROXIES} names the proxies to believe: then {@code quarkus.http.proxy.proxy-address-forwarding}
 * is switched on, and Quarkus takes scheme, host and port from those peers' headers (and marks their requests with
 * {@code X-Forwarded-Trusted-Proxy}, which {@link PublicUrls} reads). Without it no peer is trusted, so the result of
 * parsing would be thrown away anyway: Quarkus's forwarded-header parser still read every request's {@code Host}
 * (2 % of a GET's CPU samples, bench/profile.sh get). The list itself is
 * {@code quarkus.http.proxy.trusted-proxies=${CAMPUS_TRUSTED_PROXIES:...}} in application.properties, which (like the
 * environment) outranks this source.
 */
public class ProxyConfigSourceFactory extends ConfigSwitch {

    /** The environment variable (or property) with the trusted proxies' addresses or CIDR ranges. */
    public static final String TRUSTED_PROXIES = "CAMPUS_TRUSTED_PROXIES";

    /** Switches forwarded-header parsing on when {@value #TRUSTED_PROXIES} is set. */
    public ProxyConfigSourceFactory() {
        super(TRUSTED_PROXIES, true, "quarkus.http.proxy.proxy-address-forwarding", "true");
    }
}
