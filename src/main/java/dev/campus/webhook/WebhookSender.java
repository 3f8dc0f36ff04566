package dev.campus.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * Sends one signed event to one endpoint with the JDK's HttpClient: no redirects followed, a timeout per attempt
 * (campus.webhooks.timeout), at most the first 500 characters of the answer kept. A 2xx answer is a success. Each
 * request is an OpenTelemetry CLIENT span named after its method, with the attributes of the HTTP semantic
 * conventions (http.request.method, url.full with query values redacted, server.address, server.port,
 * http.response.status_code, error.type) and its W3C traceparent sent along, so a receiver can join the trace.
 */
@ApplicationScoped
public class WebhookSender {

    static final int EXCERPT = 500;

    @ConfigProperty(name = "campus.webhooks.timeout")
    Duration timeout;

    @Inject
    TargetPolicy policy;

    @Inject
    OpenTelemetry telemetry;

    static final AttributeKey<String> HTTP_REQUEST_METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private HttpClient client;

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
        }
        return client;
    }

    /** What one attempt came to. */
    public record Outcome(boolean succeeded, Integer statusCode, int latencyMs, String error, String excerpt) {
    }

    /** Posts the event body to the endpoint, signed with its secret; never throws. */
    public Outcome send(String url, String secret, String eventId, String body) {
        Optional<String> refused = policy.refusal(url);
        if (refused.isPresent()) {
            return new Outcome(false, null, 0, "The URL " + refused.get(), null);
        }
        URI uri = URI.create(url);
        Tracer tracer = telemetry.getTracer("dev.campus.webhook");
        Span span = tracer.spanBuilder("POST").setSpanKind(SpanKind.CLIENT)
                .setAttribute(HTTP_REQUEST_METHOD, "POST")
                .setAttribute(URL_FULL, redactedQuery(uri))
                .setAttribute(SERVER_ADDRESS, uri.getHost())
                .setAttribute(SERVER_PORT, (long) port(uri))
                .startSpan();
        try (Scope scope = span.makeCurrent()) {
            Outcome outcome = post(uri, secret, eventId, body);
            if (outcome.statusCode() != null) {
                span.setAttribute(HTTP_RESPONSE_STATUS_CODE, (long) outcome.statusCode());
            }
            if (!outcome.succeeded()) {
                if (outcome.statusCode() != null) {
                    span.setAttribute(ERROR_TYPE, outcome.statusCode().toString()); // else post() named the exception
                }
                span.setStatus(StatusCode.ERROR, outcome.error());
            }
            return outcome;
        } finally {
            span.end();
        }
    }

    private Outcome post(URI uri, String secret, String eventId, String body) {
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("content-type", "application/json")
                .header("user-agent", "Campus-Webhooks/1")
                .header("webhook-id", eventId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", Signatures.sign(secret, eventId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        telemetry.getPropagators().getTextMapPropagator().inject(Context.current(), builder, (carrier, key, value) -> carrier.header(key, value));
        HttpRequest request = builder.build();
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            String excerpt;
            try (InputStream in = response.body()) {
                excerpt = new String(in.readNBytes(EXCERPT * 4), StandardCharsets.UTF_8);
            }
            excerpt = excerpt.length() > EXCERPT ? excerpt.substring(0, EXCERPT) : excerpt;
            excerpt = excerpt.replace("\u0000", "");
            int status = response.statusCode();
            boolean ok = status >= 200 && status < 300;
            return new Outcome(ok, status, millisSince(start), ok ? null : "The endpoint answered " + status, excerpt);
        } catch (HttpTimeoutException e) {
            Span.current().setAttribute(ERROR_TYPE, e.getClass().getName());
            return new Outcome(false, null, millisSince(start), "No answer within " + timeout.toMillis() + " ms", null);
        } catch (IOException e) {
            Span.current().setAttribute(ERROR_TYPE, e.getClass().getName());
            return new Outcome(false, null, millisSince(start), truncate("Connection failed: " + e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Span.current().setAttribute(ERROR_TYPE, e.getClass().getName());
            return new Outcome(false, null, millisSince(start), "Interrupted", null);
        } catch (RuntimeException e) {
            Span.current().setAttribute(ERROR_TYPE, e.getClass().getName());
            return new Outcome(false, null, millisSince(start), truncate("Could not send: " + e), null);
        }
    }

    /** The URL with every query parameter's value replaced by REDACTED (a query may carry a token); no user info. */
    static String redactedQuery(URI uri) {
        String query = uri.getRawQuery();
        String base = uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
        if (query == null) {
            return base;
        }
        StringBuilder redacted = new StringBuilder();
        for (String parameter : query.split("&")) {
            int equals = parameter.indexOf('=');
            redacted.append(redacted.length() == 0 ? "" : "&").append(equals < 0 ? parameter : parameter.substring(0, equals) + "=REDACTED");
        }
        return base + "?" + redacted;
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static int millisSince(long start) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1_000_000);
    }

    private static String truncate(String text) {
        String clean = text.replace("\u0000", "");
        return clean.length() > EXCERPT ? clean.substring(0, EXCERPT) : clean;
    }
}
