package dev.campus.system;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.common.MapBackedConfigSource;

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
public class ProxyConfigSourceFactory implements ConfigSourceFactory {

    /** The environment variable (or property) with the trusted proxies' addresses or CIDR ranges. */
    public static final String TRUSTED_PROXIES = "CAMPUS_TRUSTED_PROXIES";

    /** Returns the source that switches forwarding on when {@value #TRUSTED_PROXIES} is set, else none. */
    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String proxies = context.getValue(TRUSTED_PROXIES).getValue();
        if (proxies == null || proxies.isBlank()) {
            return List.of();
        }
        return List.of(new MapBackedConfigSource("Forwarded headers switched on by " + TRUSTED_PROXIES,
                Map.of("quarkus.http.proxy.proxy-address-forwarding", "true"), 50) {
        });
    }

    /** Returns 50: below application.properties (250) and the environment (300). */
    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(50);
    }
}
