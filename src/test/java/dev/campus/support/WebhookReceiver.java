package dev.campus.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver as a consumer would write one, for the tests that deliver to a real HTTP server (also across
 * processes: the *IT tests): a JDK HTTP server on a free port of 127.0.0.1, one path per endpoint
 * ({@code /hook/<name>}), each with its own secret. It verifies each request's Standard Webhooks signature, records
 * what it received in arrival order, takes {@link #delay} per request (a slow consumer), answers the statuses queued
 * in {@link #answers} (then 200), and notes when a request arrived while another one for the same path (or the same
 * path and webhook-id) was still being answered.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One received request; {@code verified}: its signature matches the body under the path's secret. */
    public record Received(String path, String id, String timestamp, String body, boolean verified, String traceparent, long arrivedNanos) {
    }

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlightPerPath = new ConcurrentHashMap<>();
    private final Set<String> inFlightIds = ConcurrentHashMap.newKeySet();

    /** Every request, in arrival order. */
    public final List<Received> received = new CopyOnWriteArrayList<>();
    /** Requests that arrived while another request for the same path was still being answered. */
    public final List<Received> overlappingPerPath = new CopyOnWriteArrayList<>();
    /** Requests that arrived while another request for the same path and webhook-id was still being answered. */
    public final List<Received> overlappingPerId = new CopyOnWriteArrayList<>();
    /** The statuses to answer, in turn; 200 once empty. */
    public final java.util.Deque<Integer> answers = new java.util.concurrent.ConcurrentLinkedDeque<>();
    /** How long each request is held before it is answered. */
    public volatile Duration delay = Duration.ZERO;
    /** Called with each request once it is recorded, before the delay (the caller's thread is the server's). */
    public volatile Consumer<Received> onArrival = received -> {
    };

    /** Starts the server on a free port of the loopback address. */
    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/hook/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        AtomicInteger inFlight = inFlightPerPath.computeIfAbsent(path, key -> new AtomicInteger());
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        boolean firstOfPath = inFlight.incrementAndGet() == 1;
        String delivery = path + " " + id; // one event goes to every endpoint that wants it, under the same webhook-id
        boolean firstOfId = id == null || inFlightIds.add(delivery);
        boolean answered = false;
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            String secret = secrets.get(path);
            Received request = new Received(path, id, timestamp, body, secret != null && verify(secret, id, timestamp, body, signature),
                    exchange.getRequestHeaders().getFirst("traceparent"), System.nanoTime());
            received.add(request);
            if (!firstOfPath) {
                overlappingPerPath.add(request);
            }
            if (!firstOfId) {
                overlappingPerId.add(request);
            }
            onArrival.accept(request);
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            Integer status = answers.poll();
            // The request stops counting as "being answered" just before its answer is sent: once the sender has the
            // answer it may send the next request, which can arrive before this thread gets to its finally block.
            answered = true;
            leave(inFlight, firstOfId, delivery, id);
            // no body: the answer leaves in one write (a second small write would wait for the delayed ACK, Nagle)
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the sender went away (killed) while its request was held: nothing to answer
        } finally {
            if (!answered) {
                leave(inFlight, firstOfId, delivery, id);
            }
            exchange.close();
        }
    }

    /** The request is no longer in flight for its path (nor, if it was the first with its webhook-id, for its id). */
    private void leave(AtomicInteger inFlight, boolean firstOfId, String delivery, String id) {
        inFlight.decrementAndGet();
        if (firstOfId && id != null) {
            inFlightIds.remove(delivery);
        }
    }

    /** The URL of the endpoint {@code name} (http://127.0.0.1:port/hook/name). */
    public String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/" + name;
    }

    /** Verifies the requests to endpoint {@code name} with this secret (whsec_...), as answered when it was created. */
    public void secret(String name, String secret) {
        secrets.put("/hook/" + name, secret);
    }

    /** The requests to endpoint {@code name}, in arrival order. */
    public List<Received> of(String name) {
        return received.stream().filter(request -> request.path().equals("/hook/" + name)).toList();
    }

    /** The webhook-ids received by endpoint {@code name}, in arrival order. */
    public List<String> ids(String name) {
        List<String> ids = new ArrayList<>();
        of(name).forEach(request -> ids.add(request.id()));
        return ids;
    }

    /** Standard Webhooks verification, as docs/api.md shows it to consumers. */
    public static boolean verify(String secret, String id, String timestamp, String body, String signatureHeader) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String signature : signatureHeader.split(" ")) {
                if (signature.startsWith("v1,") && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
