package dev.campus.system;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Production refuses to start without a key to verify tokens with: a service that cannot authenticate
 * anybody must not look healthy. (Dev mode and tests configure a throw-away key pair, see dev.campus.devmode.DevJwtKeys.)
 */
@Singleton
public class AuthenticationSettingsCheck {

    static final String SETTINGS = "CAMPUS_JWT_ISSUER, CAMPUS_JWT_AUDIENCE and CAMPUS_JWT_PUBLIC_KEY_LOCATION (a PEM public key or a JWKS URL)";

    void check(@Observes StartupEvent event) {
        var config = ConfigProvider.getConfig();
        boolean configured = config.getOptionalValue("CAMPUS_JWT_ISSUER", String.class).isPresent()
                && config.getOptionalValue("CAMPUS_JWT_AUDIENCE", String.class).isPresent()
                && config.getOptionalValue("CAMPUS_JWT_PUBLIC_KEY_LOCATION", String.class).isPresent();
        if (!configured && LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException("authentication is not configured; set " + SETTINGS);
        }
    }
}
