package dev.campus.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Behind an ingress, the packaged application believes forwarded headers from the proxies {@code CAMPUS_TRUSTED_PROXIES}
 * names and from nobody else; without that setting it does not parse them at all (system.ProxyConfigSourceFactory
 * switches {@code quarkus.http.proxy.proxy-address-forwarding} on). Checked in the prod profile, where no test
 * setting stands in for the switch: the {@code Location} of a created resource is the forwarded public origin from a
 * trusted proxy, and relative from any other peer, even one that forges Quarkus's own trusted-proxy mark.
 */
class ForwardedHeadersIT {

    static final Duration START_WITHIN = Duration.ofSeconds(90);

    Map<String, String> database;
    PackagedApp app;

    @AfterEach
    void stop() {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            Databases.drop(database);
        }
    }

    @Test
    void aTrustedProxysForwardedOriginNamesTheCreatedResource() throws Exception {
        database = Databases.freshDatabase("forwarded");
        Map<String, String> env = new HashMap<>(database);
        env.put("CAMPUS_TRUSTED_PROXIES", "127.0.0.1");
        app = PackagedApp.start("forwarded-trusted", env);
        app.awaitReady(START_WITHIN);

        HttpResponse<String> created = createUser(Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "api.campus.example",
                "X-Forwarded-Port", "443"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).startsWith("https://api.campus.example/api/v1/users/"));
    }

    @Test
    void withoutTrustedProxiesForwardedHeadersAndAForgedTrustMarkAreIgnored() throws Exception {
        database = Databases.freshDatabase("forwarded");
        app = PackagedApp.start("forwarded-untrusted", database);
        app.awaitReady(START_WITHIN);

        HttpResponse<String> created = createUser(Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example",
                "Forwarded", "proto=https;host=evil.example", "X-Forwarded-Trusted-Proxy", "true"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).startsWith("/api/v1/users/").doesNotContain("evil.example"));
    }

    private HttpResponse<String> createUser(Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.request("POST", "/api/v1/users", """
                {"email": "forwarded-%s@example.com", "displayName": "Forwarded", "role": "student"}"""
                .formatted(UUID.randomUUID()), Duration.ofSeconds(15)), (name, value) -> true);
        headers.forEach(request::header);
        return PackagedApp.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
