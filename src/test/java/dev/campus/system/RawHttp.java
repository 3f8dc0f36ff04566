package dev.campus.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One HTTP/1.1 exchange over a socket bound to a chosen local address, with headers exactly as given (Host
 * included). On Linux all of 127.0.0.0/8 is loopback, so a request from 127.0.0.2 and one from 127.0.0.1 reach the
 * same server from two different peers: one a trusted proxy, the other not. Written by dev.campus.support.RawHttp.
 */
record RawHttp(int status, Map<String, List<String>> headers, String body) {

    static final String PROXY = "127.0.0.2";
    static final String CLIENT = "127.0.0.1";

    /** The request with these headers (Host: localhost unless one is given) and, when there is one, a JSON body. */
    static RawHttp send(String from, String method, String target, Map<String, String> headers, String body) {
        List<String> lines = new ArrayList<>();
        if (headers.keySet().stream().noneMatch("Host"::equalsIgnoreCase)) {
            lines.add("Host: localhost");
        }
        headers.forEach((name, value) -> lines.add(name + ": " + value));
        if (body != null) {
            lines.add("Content-Type: application/json");
        }
        var answer = dev.campus.support.RawHttp.exchange(from, method + " " + target + " HTTP/1.1", lines, body);
        return new RawHttp(answer.status(), answer.headers(), answer.body());
    }

    /** The first value of a header (names case-insensitive), or null. */
    String header(String name) {
        return new dev.campus.support.RawHttp.Exchange(status, headers, body).header(name);
    }
}
