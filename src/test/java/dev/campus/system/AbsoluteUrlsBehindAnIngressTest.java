package dev.campus.system;

import static dev.campus.system.RawHttp.CLIENT;
import static dev.campus.system.RawHttp.PROXY;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.campus.support.Fixtures;
import dev.campus.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Location and Link behind a TLS-terminating ingress (the test configuration trusts 127.0.0.2 as the proxy; the
 * client at 127.0.0.1 is any other peer). A trusted proxy's X-Forwarded-* headers give the public
 * origin; anybody else's Host, Forwarded and X-Forwarded-* headers are never reflected: the references are
 * relative. CORS is off when no origin is configured.
 */
@QuarkusTest
class AbsoluteUrlsBehindAnIngressTest {

    static final String USERS = "/api/v1/users";
    static final String EVIL = "evil.example";

    static Map<String, String> headers(String... nameValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + Tokens.admin());
        headers.put("Accept", "application/json");
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.put(nameValues[i], nameValues[i + 1]);
        }
        return headers;
    }

    static String newUser() {
        return """
                {"email": "%s@example.com", "displayName": "Ingress", "role": "student"}""".formatted(Fixtures.unique("ingress"));
    }

    @Test
    void aTrustedProxysXForwardedHeadersGiveThePublicHttpsOrigin() {
        RawHttp created = RawHttp.send(PROXY, "POST", USERS, headers("Host", "campus-pod:8080",
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "api.campus.example", "X-Forwarded-Port", "443",
                "X-Forwarded-For", "203.0.113.7"), newUser());
        assertThat(created.body(), created.status(), equalTo(201));
        assertThat(created.header("Location"), matchesPattern("https://api\\.campus\\.example/api/v1/users/[0-9a-f-]{36}"));
    }

    @Test
    void theLinkToTheNextPageFromATrustedProxyIsPublic() {
        Fixtures.user("student");
        Fixtures.user("student");
        RawHttp page = RawHttp.send(PROXY, "GET", USERS + "?limit=1", headers("Host", "campus-pod:8080",
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "api.campus.example"), null);
        assertThat(page.body(), page.status(), equalTo(200));
        assertThat(page.header("Link"), matchesPattern("<https://api\\.campus\\.example/api/v1/users\\?limit=1&cursor=[^>]+>; rel=\"next\""));
    }

    @Test
    void anUntrustedPeersHostAndForwardedHeadersAreNeverReflected() {
        Map<String, String> spoofed = headers("Host", EVIL, "X-Forwarded-Proto", "https", "X-Forwarded-Host", EVIL,
                "Forwarded", "proto=https;host=" + EVIL, "X-Forwarded-Trusted-Proxy", "true");
        RawHttp created = RawHttp.send(CLIENT, "POST", USERS, spoofed, newUser());
        assertThat(created.body(), created.status(), equalTo(201));
        assertThat(created.header("Location"), matchesPattern("/api/v1/users/[0-9a-f-]{36}"));

        Fixtures.user("student");
        Fixtures.user("student");
        RawHttp page = RawHttp.send(CLIENT, "GET", USERS + "?limit=1", spoofed, null);
        assertThat(page.body(), page.status(), equalTo(200));
        assertThat(page.header("Link"), matchesPattern("</api/v1/users\\?limit=1&cursor=[^>]+>; rel=\"next\""));
    }

    @Test
    void aReplayedIdempotentResponseTakesTheOriginOfTheRequestThatReplaysIt() {
        String course = Fixtures.publishedCourse(Fixtures.instructor(), 0, null);
        String student = Fixtures.user("student");
        String enroll = """
                {"userId": "%s", "courseId": "%s"}""".formatted(student, course);
        String key = Fixtures.unique("key");
        RawHttp first = RawHttp.send(PROXY, "POST", "/api/v1/enrollments", headers("Idempotency-Key", key,
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "api.campus.example"), enroll);
        assertThat(first.body(), first.status(), equalTo(201));
        assertThat(first.header("Location"), startsWith("https://api.campus.example/api/v1/enrollments/"));

        RawHttp replay = RawHttp.send(CLIENT, "POST", "/api/v1/enrollments", headers("Idempotency-Key", key, "Host", EVIL), enroll);
        assertThat(replay.body(), replay.status(), equalTo(201));
        assertThat(replay.header("Idempotent-Replayed"), equalTo("true"));
        assertThat(replay.header("Location"), equalTo(first.header("Location").substring("https://api.campus.example".length())));
    }

    @Test
    void aTrustedProxysMalformedForwardedHostIs400ProblemJsonNeverA500() {
        for (String host : List.of("a b", "[::1", "a/b?c#d", "evil.example>; rel=\"prev\", <http://x")) {
            for (RawHttp answer : List.of(
                    RawHttp.send(PROXY, "GET", USERS + "?limit=1", headers("Host", "campus-pod:8080", "X-Forwarded-Host", host), null),
                    RawHttp.send(PROXY, "POST", USERS, headers("Host", "campus-pod:8080", "X-Forwarded-Host", host), newUser()),
                    RawHttp.send(PROXY, "GET", USERS, Map.of("Host", "campus-pod:8080", "X-Forwarded-Host", host), null))) {
                assertThat(host + " " + answer.body(), answer.status(), equalTo(400));
                assertThat(host, answer.header("Content-Type"), startsWith("application/problem+json"));
            }
        }
    }

    @Test
    void aTrustedProxysMalformedForwardedSchemeGivesRelativeReferences() {
        Fixtures.user("student");
        Fixtures.user("student");
        for (String scheme : List.of("ht tp", "javascript", "ftp")) {
            RawHttp page = RawHttp.send(PROXY, "GET", USERS + "?limit=1", headers("Host", "campus-pod:8080", "X-Forwarded-Proto", scheme), null);
            assertThat(scheme + " " + page.body(), page.status(), equalTo(200));
            assertThat(scheme, page.header("Link"), matchesPattern("</api/v1/users\\?limit=1&cursor=[^>]+>; rel=\"next\""));

            RawHttp created = RawHttp.send(PROXY, "POST", USERS, headers("Host", "campus-pod:8080", "X-Forwarded-Proto", scheme), newUser());
            assertThat(scheme + " " + created.body(), created.status(), equalTo(201));
            assertThat(scheme, created.header("Location"), matchesPattern("/api/v1/users/[0-9a-f-]{36}"));

            RawHttp anonymous = RawHttp.send(PROXY, "GET", USERS, Map.of("Host", "campus-pod:8080", "X-Forwarded-Proto", scheme), null);
            assertThat(scheme + " " + anonymous.body(), anonymous.status(), equalTo(401));
            assertThat(scheme, anonymous.header("Content-Type"), startsWith("application/problem+json"));
        }
    }

    @Test
    void corsIsOffByDefault() {
        RawHttp preflight = RawHttp.send(CLIENT, "OPTIONS", USERS, Map.of("Host", "localhost", "Origin", "https://app.campus.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type"), null);
        assertThat(preflight.header("Access-Control-Allow-Origin"), nullValue());
        RawHttp get = RawHttp.send(CLIENT, "GET", USERS + "?limit=1", headers("Origin", "https://app.campus.example"), null);
        assertThat("a cross-origin request is served as any other", get.status(), equalTo(200));
        assertThat(get.header("Access-Control-Allow-Origin"), nullValue());
    }
}
