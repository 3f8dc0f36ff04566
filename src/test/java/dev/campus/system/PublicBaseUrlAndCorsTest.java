package dev.campus.system;

import static dev.campus.system.RawHttp.CLIENT;
import static dev.campus.system.RawHttp.PROXY;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With CAMPUS_PUBLIC_BASE_URL set, every absolute URL names it, whoever the peer is and whatever it forwards; with
 * CAMPUS_CORS_ORIGINS set, browsers on those origins (and only those) may call the API.
 */
@QuarkusTest
@TestProfile(PublicBaseUrlAndCorsTest.Configured.class)
class PublicBaseUrlAndCorsTest {

    static final String APP = "https://app.campus.example";

    /** The settings an operator would give through the environment. */
    public static class Configured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("CAMPUS_PUBLIC_BASE_URL", "https://campus.example/api-gateway/",
                    CorsConfigSourceFactory.ORIGINS, APP + ",https://admin.campus.example");
        }
    }

    @Test
    void everyLocationNamesTheConfiguredPublicBaseUrl() {
        for (String peer : new String[] {PROXY, CLIENT}) {
            RawHttp created = RawHttp.send(peer, "POST", AbsoluteUrlsBehindAnIngressTest.USERS,
                    AbsoluteUrlsBehindAnIngressTest.headers("Host", "evil.example", "X-Forwarded-Proto", "http",
                            "X-Forwarded-Host", "evil.example"),
                    AbsoluteUrlsBehindAnIngressTest.newUser());
            assertThat(created.body(), created.status(), equalTo(201));
            assertThat("from " + peer, created.header("Location"),
                    matchesPattern("https://campus\\.example/api-gateway/api/v1/users/[0-9a-f-]{36}"));
        }
    }

    @Test
    void aConfiguredOriginPassesThePreflightAndReadsTheResponse() {
        RawHttp preflight = RawHttp.send(CLIENT, "OPTIONS", AbsoluteUrlsBehindAnIngressTest.USERS, Map.of("Origin", APP,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type,idempotency-key"), null);
        assertThat(preflight.body(), preflight.status(), equalTo(200));
        assertThat(preflight.header("Access-Control-Allow-Origin"), equalTo(APP));
        assertThat(preflight.header("Access-Control-Allow-Methods"), containsString("POST"));
        assertThat(preflight.header("Access-Control-Allow-Headers").toLowerCase(), containsString("idempotency-key"));

        RawHttp get = RawHttp.send(CLIENT, "GET", AbsoluteUrlsBehindAnIngressTest.USERS + "?limit=1",
                AbsoluteUrlsBehindAnIngressTest.headers("Origin", APP), null);
        assertThat(get.status(), equalTo(200));
        assertThat(get.header("Access-Control-Allow-Origin"), equalTo(APP));
        assertThat(get.header("Access-Control-Expose-Headers"), containsString("Link"));
    }

    @Test
    void anotherOriginGetsNoCorsHeaders() {
        RawHttp preflight = RawHttp.send(CLIENT, "OPTIONS", AbsoluteUrlsBehindAnIngressTest.USERS, Map.of("Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST"), null);
        assertThat(preflight.header("Access-Control-Allow-Origin"), nullValue());
    }
}
