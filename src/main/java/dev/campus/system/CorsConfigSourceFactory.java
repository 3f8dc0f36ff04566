package dev.campus.system;

/**
 * CORS is off unless {@code CAMPUS_CORS_ORIGINS} lists the browser origins allowed to call the API (comma-separated,
 * e.g. {@code https://app.example.com,https://admin.example.com}); then Quarkus' CORS filter answers preflights and
 * adds the Access-Control-* headers for those origins only. One setting switches it on and names the origins,
 * because Quarkus' filter, enabled without origins, would refuse every cross-origin request instead of staying out
 * of the way. Origins, methods, request and exposed headers are in application.properties.
 */
public class CorsConfigSourceFactory extends ConfigSwitch {

    /** The environment variable (or property) with the allowed origins. */
    public static final String ORIGINS = "CAMPUS_CORS_ORIGINS";

    /** Switches quarkus.http.cors.enabled on when {@value #ORIGINS} names origins. */
    public CorsConfigSourceFactory() {
        // The origins themselves: quarkus.http.cors.origins=${CAMPUS_CORS_ORIGINS:} in application.properties.
        super(ORIGINS, true, "quarkus.http.cors.enabled", "true");
    }
}
