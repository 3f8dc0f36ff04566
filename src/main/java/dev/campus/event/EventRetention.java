package dev.campus.event;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

/**
 * Deletes events older than campus.events.retention (30 days), every campus.events.retention-interval, in batches
 * of a thousand per transaction. Safe with several replicas: each batch locks its rows with FOR UPDATE SKIP LOCKED,
 * so replicas purging at once delete different rows, and deleting what is already gone changes nothing. Webhook
 * cursors do not hold events back: an event older than the retention that an endpoint has not received belongs to an
 * endpoint that has failed (or been disabled) for far longer than its retry window (a day), and keeping events for
 * it would let the table grow without bound. Its cursor is a position (tx, id), not a row, so it goes on with the
 * next event that still exists (EventRetentionTest). A {@link RetentionHold} (the Kafka relay, while it is on) is
 * different: no event after the position it names is deleted, however old, so that nothing unpublished is lost.
 */
@ApplicationScoped
public class EventRetention {

    private static final Logger LOG = Logger.getLogger(EventRetention.class);
    private static final int BATCH = 1000;

    @ConfigProperty(name = "campus.events.retention")
    Duration retention;

    @Inject
    Instance<RetentionHold> holds;

    @Scheduled(identity = "event-retention", every = "${campus.events.retention-interval}", concurrentExecution = ConcurrentExecution.SKIP)
    void run() {
        try {
            int purged = purgeBefore(Instant.now().minus(retention));
            if (purged > 0) {
                LOG.infof("Purged %d events older than %s", purged, retention);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Purging old events failed, retrying on the next run: %s", e.toString());
        }
    }

    /** Deletes the events that occurred before {@code cutoff}; how many this call deleted. Not inside a transaction. */
    public int purgeBefore(Instant cutoff) {
        RetentionHold.Position kept = null;
        for (RetentionHold hold : holds) {
            RetentionHold.Position done = hold.doneUpTo().orElse(null);
            if (done != null && (kept == null || done.compareTo(kept) < 0)) {
                kept = done;
            }
        }
        RetentionHold.Position upTo = kept;
        int total = 0;
        while (true) {
            int deleted = QuarkusTransaction.requiringNew().call(() -> {
                var delete = Event.getEntityManager().createNativeQuery("delete from events where id in (select id from events"
                        + " where occurred_at < ?1" + (upTo == null ? "" : " and (tx, id) <= (?3, ?4)")
                        + " order by occurred_at limit ?2 for update skip locked)")
                        .setParameter(1, cutoff).setParameter(2, BATCH);
                if (upTo != null) {
                    delete.setParameter(3, upTo.tx()).setParameter(4, upTo.id());
                }
                return delete.executeUpdate();
            });
            total += deleted;
            if (deleted < BATCH) {
                return total;
            }
        }
    }
}
