package dev.campus.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

import dev.campus.event.Event;
import dev.campus.event.EventResponse;
import dev.campus.shared.VersionedEntity;

/**
 * Delivers the feed to the webhook endpoints, on every replica, every campus.webhooks.delivery-interval. One
 * attempt is one transaction: the endpoint's row is locked with FOR UPDATE SKIP LOCKED (so no two replicas work on
 * one endpoint at once), its next event after its cursor is read (visible in the feed, of a type it wants), sent,
 * and the attempt recorded; on success the cursor moves past the event, so each endpoint gets its events at least
 * once and in feed order. A failure keeps the cursor and backs off exponentially with jitter (from 5 s, doubling,
 * capped at an hour, within campus.webhooks.retry-window: about a day); an endpoint failing for longer than the
 * window is disabled, which is itself an event (webhook_endpoint.disabled). A crash between sending and
 * committing sends the event again: receivers deduplicate on webhook-id, the event id.
 */
@ApplicationScoped
public class WebhookDeliveryWorker {

    private static final Logger LOG = Logger.getLogger(WebhookDeliveryWorker.class);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
    static final Duration MAX_BACKOFF = Duration.ofHours(1);

    @Inject
    WebhookSender sender;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "campus.webhooks.retry-window")
    Duration retryWindow;

    @ConfigProperty(name = "campus.webhooks.batch-size")
    int batchSize;

    @Scheduled(identity = "webhook-delivery", every = "${campus.webhooks.delivery-interval}", concurrentExecution = ConcurrentExecution.SKIP)
    void run() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            LOG.warnf("Delivering webhooks failed, retrying on the next run: %s", e.toString());
        }
    }

    /** Makes attempts until no endpoint has a due event (or batch-size attempts were made); how many it made. */
    public int deliverDue() {
        List<UUID> idle = new ArrayList<>();
        int attempts = 0;
        while (attempts < batchSize) {
            Attempt attempt = QuarkusTransaction.requiringNew().call(() -> attemptOne(idle));
            if (attempt == Attempt.NONE_DUE) {
                return attempts;
            }
            if (attempt == Attempt.MADE) {
                attempts++;
            }
        }
        return attempts;
    }

    private enum Attempt {
        MADE, IDLE, NONE_DUE
    }

    @SuppressWarnings("unchecked")
    private Attempt attemptOne(List<UUID> idle) {
        EntityManager em = WebhookEndpoint.getEntityManager();
        var query = em.createNativeQuery("select id from webhook_endpoints where enabled and next_attempt_at <= now()"
                + (idle.isEmpty() ? "" : " and id not in (:idle)") + " order by next_attempt_at limit 1 for update skip locked");
        if (!idle.isEmpty()) {
            query.setParameter("idle", idle);
        }
        List<Object> ids = query.getResultList();
        if (ids.isEmpty()) {
            return Attempt.NONE_DUE;
        }
        WebhookEndpoint endpoint = WebhookEndpoint.findById(ids.get(0));
        Event event = nextEvent(endpoint);
        if (event == null) {
            idle.add(endpoint.id);
            return Attempt.IDLE;
        }
        if (attempt(endpoint, event).succeeded) {
            endpoint.cursorTx = event.tx;
            endpoint.cursorId = event.id;
            endpoint.failingSince = null;
            endpoint.failedAttempts = 0;
        } else {
            failed(endpoint, Instant.now());
        }
        return Attempt.MADE;
    }

    /** The endpoint's next event in feed order, skipping (and passing) the types it does not want. */
    private Event nextEvent(WebhookEndpoint endpoint) {
        while (true) {
            List<Event> events = Event.visibleAfter(endpoint.cursorTx, endpoint.cursorId, 100);
            for (Event event : events) {
                if (endpoint.wants(event.type)) {
                    return event;
                }
                endpoint.cursorTx = event.tx;
                endpoint.cursorId = event.id;
            }
            if (events.size() < 100) {
                return null;
            }
        }
    }

    /**
     * Sends the event (its CloudEvents JSON, signed per Standard Webhooks) to the endpoint once and records the
     * attempt; returns the recorded attempt. Moves no cursor: the caller decides what the outcome means.
     */
    WebhookDelivery attempt(WebhookEndpoint endpoint, Event event) {
        String body;
        try {
            body = json.writeValueAsString(EventResponse.of(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return record(endpoint, event, sender.send(endpoint.url, endpoint.secret, event.id.toString(), body));
    }

    private static WebhookDelivery record(WebhookEndpoint endpoint, Event event, WebhookSender.Outcome outcome) {
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.endpointId = endpoint.id;
        delivery.eventId = event.id;
        delivery.eventType = event.type;
        delivery.succeeded = outcome.succeeded();
        delivery.statusCode = outcome.statusCode();
        delivery.latencyMs = outcome.latencyMs();
        delivery.error = outcome.error();
        delivery.responseExcerpt = outcome.excerpt();
        delivery.attemptedAt = VersionedEntity.now();
        delivery.persist();
        return delivery;
    }

    /** Backs off, or disables the endpoint once it has failed for the whole retry window. */
    void failed(WebhookEndpoint endpoint, Instant now) {
        if (endpoint.failingSince == null) {
            endpoint.failingSince = now;
        }
        endpoint.failedAttempts++;
        if (!now.isBefore(endpoint.failingSince.plus(retryWindow))) {
            endpoint.enabled = false;
            endpoint.disabledReason = "Every delivery failed for " + retryWindow + " (since " + endpoint.failingSince + ")";
            return;
        }
        endpoint.nextAttemptAt = now.plus(backoff(endpoint.failedAttempts));
    }

    /** 5 s doubling per consecutive failure up to an hour, with full jitter over its upper half. */
    Duration backoff(int failures) {
        long base = FIRST_BACKOFF.toMillis() << Math.min(failures - 1, 20);
        long capped = Math.min(Math.min(base, MAX_BACKOFF.toMillis()), Math.max(retryWindow.toMillis() / 4, 1));
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}
