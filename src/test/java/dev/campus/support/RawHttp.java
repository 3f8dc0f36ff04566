package dev.campus.support;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.restassured.RestAssured;

/** Requests written byte for byte on a socket, for what HTTP clients refuse to send (a malformed request target). */
public final class RawHttp {

    private RawHttp() {
    }

    /** GETs the target as is, as an admin; answers the status, the content type and the body, as text. */
    public static String[] get(String target) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + Tokens.admin()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String head = response.substring(0, response.indexOf("\r\n\r\n"));
            String contentType = head.lines().filter(line -> line.toLowerCase().startsWith("content-type:"))
                    .map(line -> line.substring(13).strip()).findFirst().orElse("");
            return new String[] { head.split(" ")[1], contentType, response.substring(head.length() + 4) };
        }
    }
}
