package dev.campus.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver as a consumer would write one: a JDK HTTP server on a free port of 127.0.0.1 that verifies each
 * request's Standard Webhooks signature with the endpoint's secret and records what it received. It answers the
 * statuses queued in {@link #answer}, then 200.
 */
final class Receiver implements AutoCloseable {

    /** One received request. */
    record Received(String id, String timestamp, String signature, String body, boolean verified) {
    }

    private final HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedDeque<Integer> answer = new ConcurrentLinkedDeque<>();
    volatile String secret;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
                String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
                received.add(new Received(id, timestamp, signature, body, verify(secret, id, timestamp, body, signature)));
                Integer status = answer.poll();
                byte[] reply = ("{\"received\": \"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status == null ? 200 : status, reply.length);
                exchange.getResponseBody().write(reply);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Standard Webhooks verification, as the README shows it to consumers. */
    static boolean verify(String secret, String id, String timestamp, String body, String signatureHeader) {
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

    List<String> ids() {
        List<String> ids = new ArrayList<>();
        received.forEach(r -> ids.add(r.id()));
        return ids;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
