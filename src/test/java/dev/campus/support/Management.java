package dev.campus.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.specification.RequestSpecification;

/** Calls to the management interface (health, metrics, info) of the application under test, on its own port. */
public final class Management {

    private Management() {
    }

    /** The management interface's scheme, host and port, as bound (the test port is chosen at start). */
    public static String url() {
        // test.management.url ends with the management root path (/q); requests here name full paths.
        return java.net.URI.create(ConfigProvider.getConfig().getValue("test.management.url", String.class)).resolve("/").toString();
    }

    /** A request to the management interface. */
    public static RequestSpecification management() {
        return given().baseUri(url()).port(-1);
    }

    /** The Prometheus text exposition of /q/metrics. */
    public static String metrics() {
        // Prometheus text format; with Accept: */* the registry answers OpenMetrics instead.
        return management().accept("text/plain").get("/q/metrics").then().statusCode(200).contentType(startsWith("text/plain")).extract().asString();
    }
}
