package dev.campus.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Idempotency-Key for POSTs that create enrollments or move money. Runs inside the caller's transaction:
 * the key row is inserted first, so a concurrent request with the same key waits on it and then replays the
 * stored response; a failed request rolls its key back and may be retried. Keys are scoped to the client (the
 * token's subject, see {@link Caller#subject()}) and the operation, stored as a SHA-256 hash so that any
 * subject a verified token may carry fits, and expire after campus.idempotency.ttl.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper mapper;

    @Inject
    Caller caller;

    @Inject
    HttpHeaders headers;

    @Inject
    UriInfo uri;

    @ConfigProperty(name = "campus.idempotency.ttl", defaultValue = "24H")
    Duration ttl;

    /**
     * Runs {@code action} once per (client, operation, key), all read from the current request: the client is the
     * token's subject, the operation is POST and the request path, the key is the Idempotency-Key header. The
     * first call's 2xx response is stored and every repeat with the same request body gets it back (with
     * Idempotent-Replayed: true); without the header the action just runs.
     *
     * @param request the request body, compared (as JSON) with the first request's
     * @return the action's response, or the stored one
     * @throws io.quarkiverse.resteasy.problem.HttpProblem 400 for a malformed key, 422 idempotency-key-reused for
     *         the same key with another body
     */
    public <T> RestResponse<T> once(Object request, Class<T> responseType, Supplier<RestResponse<T>> action) {
        List<String> sent = headers.getRequestHeader(HEADER);
        if (sent != null && sent.size() > 1) {
            // Two keys: which one names the retry? Neither is taken silently.
            throw Problems.invalid("header", HEADER, "must be sent once");
        }
        String key = sent == null || sent.isEmpty() ? null : sent.get(0);
        if (key == null) {
            return action.get();
        }
        if (key.isBlank() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw Problems.invalid("header", HEADER, "must be 1 to 255 visible ASCII characters");
        }
        String scope = sha256(clientOf(caller) + "\n" + "POST " + uri.getPath());
        String hash = sha256(toJson(request));
        purgeExpired(scope, key);
        int inserted = entityManager.createNativeQuery("""
                insert into idempotency_keys (scope, idempotency_key, request_hash, created_at, expires_at)
                values (?1, ?2, ?3, now(), now() + cast(?4 as interval))
                on conflict (scope, idempotency_key) do nothing""")
                .setParameter(1, scope).setParameter(2, key).setParameter(3, hash).setParameter(4, ttl.toSeconds() + " seconds")
                .executeUpdate();
        if (inserted == 0) {
            return replay(scope, key, hash, responseType);
        }
        RestResponse<T> response = action.get();
        entityManager.createNativeQuery("""
                update idempotency_keys set status_code = ?3, response_body = ?4, location = ?5, etag = ?6
                where scope = ?1 and idempotency_key = ?2""")
                .setParameter(1, scope).setParameter(2, key)
                .setParameter(3, response.getStatus())
                .setParameter(4, toJson(response.getEntity()))
                .setParameter(5, response.getLocation() == null ? null : response.getLocation().toString())
                .setParameter(6, response.getEntityTag() == null ? null : response.getEntityTag().getValue())
                .executeUpdate();
        return response;
    }

    private <T> RestResponse<T> replay(String scope, String key, String hash, Class<T> responseType) {
        List<?> rows = entityManager.createNativeQuery("""
                select request_hash, status_code, response_body, location, etag from idempotency_keys
                where scope = ?1 and idempotency_key = ?2""")
                .setParameter(1, scope).setParameter(2, key).getResultList();
        Object[] row = (Object[]) rows.get(0);
        if (!hash.equals(row[0])) {
            throw Problems.of(ProblemType.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key " + key + " was used with a different request");
        }
        try {
            var response = RestResponse.ResponseBuilder.<T>create(RestResponse.Status.fromStatusCode((Integer) row[1]),
                    mapper.readValue((String) row[2], responseType)).header(REPLAYED_HEADER, "true");
            if (row[3] != null) {
                response.header(jakarta.ws.rs.core.HttpHeaders.LOCATION, row[3]); // as stored: relative, see ETags.created
            }
            if (row[4] != null) {
                response.tag((String) row[4]);
            }
            return response.build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored idempotent response cannot be read", e);
        }
    }

    /**
     * This key if it has expired, and a few other expired keys: they go on the requests that use keys, with no
     * scheduler and no unbounded delete.
     */
    private void purgeExpired(String scope, String key) {
        entityManager.createNativeQuery("""
                delete from idempotency_keys where expires_at < now() and (scope, idempotency_key) = (?1, ?2)
                   or ctid in (select ctid from idempotency_keys where expires_at < now() limit 20)""")
                .setParameter(1, scope).setParameter(2, key).executeUpdate();
    }

    /** The scope's client part: the token's subject, whatever its length; callers of these operations are authenticated. */
    private static String clientOf(Caller caller) {
        String subject = caller.subject();
        return subject == null ? "anonymous" : "sub:" + subject;
    }

    private String toJson(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + value.getClass(), e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
