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

/**
 * Sends one signed event to one endpoint with the JDK's HttpClient: no redirects followed, a timeout per attempt
 * (campus.webhooks.timeout), at most the first 500 characters of the answer kept. A 2xx answer is a success.
 */
@ApplicationScoped
public class WebhookSender {

    static final int EXCERPT = 500;

    @ConfigProperty(name = "campus.webhooks.timeout")
    Duration timeout;

    @Inject
    TargetPolicy policy;

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
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("content-type", "application/json")
                .header("user-agent", "Campus-Webhooks/1")
                .header("webhook-id", eventId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", Signatures.sign(secret, eventId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
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
            return new Outcome(false, null, millisSince(start), "No answer within " + timeout.toMillis() + " ms", null);
        } catch (IOException e) {
            return new Outcome(false, null, millisSince(start), truncate("Connection failed: " + e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, null, millisSince(start), "Interrupted", null);
        } catch (RuntimeException e) {
            return new Outcome(false, null, millisSince(start), truncate("Could not send: " + e), null);
        }
    }

    private static int millisSince(long start) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1_000_000);
    }

    private static String truncate(String text) {
        String clean = text.replace("\u0000", "");
        return clean.length() > EXCERPT ? clean.substring(0, EXCERPT) : clean;
    }
}
