package dev.campus.billing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.Scheduled;

/**
 * Expires unpaid invoices: every campus.billing.expiry-interval, each open invoice past its dueAt is voided and its
 * pending enrollment cancelled as payment_expired, releasing its seat. Safe with several replicas: rows are locked
 * with FOR UPDATE SKIP LOCKED, so each invoice expires once, in whichever replica locks it first.
 */
@ApplicationScoped
public class PaymentExpiry {

    private static final Logger LOG = Logger.getLogger(PaymentExpiry.class);

    @Inject
    BillingService billing;

    @ConfigProperty(name = "campus.billing.expiry-batch-size")
    int batchSize;

    @Scheduled(identity = "payment-expiry", every = "${campus.billing.expiry-interval}", concurrentExecution = ConcurrentExecution.SKIP)
    void run() {
        try {
            int expired = expireOverdue(Instant.now(), batchSize);
            if (expired > 0) {
                LOG.infof("Expired %d unpaid invoices", expired);
            }
        } catch (RuntimeException e) {
            // The database may be away; the next run retries. One line, no stack trace: it is not a bug.
            LOG.warnf("Expiring unpaid invoices failed, retrying on the next run: %s", e.toString());
        }
    }

    /**
     * Expires every open invoice due by now, batchSize at a time, each batch in its own transaction (so locks are
     * held briefly and a failure undoes only its batch). Returns how many invoices this call expired; invoices
     * another caller holds are left to it. Must not be called inside a transaction.
     */
    public int expireOverdue(Instant now, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        int total = 0;
        while (true) {
            Batch batch = QuarkusTransaction.requiringNew().call(() -> expireBatch(now, batchSize));
            total += batch.expired();
            // A short batch means nothing else is due (or the rest is locked by another caller, which expires it);
            // a batch that expired nothing stops a loop that could otherwise select the same rows again.
            if (batch.selected() < batchSize || batch.expired() == 0) {
                return total;
            }
        }
    }

    private Batch expireBatch(Instant now, int limit) {
        List<UUID> invoices = Invoice.lockOverdue(now, limit);
        int expired = 0;
        for (UUID invoice : invoices) {
            if (billing.expire(invoice, now)) {
                expired++;
            }
        }
        return new Batch(invoices.size(), expired);
    }

    private record Batch(int selected, int expired) {
    }
}
