package dev.campus.enrollment;

import java.util.UUID;

import dev.campus.shared.Money;

/**
 * What enrolling needs from billing, declared here and implemented by the billing feature, so that dependencies
 * run one way: billing depends on enrollment, never back. Both methods run in the caller's transaction, with the
 * enrollment already locked (the lock order, enrollment then invoice, is kept by
 * {@code dev.campus.billing.Invoice#lockWithEnrollment}).
 */
public interface EnrollmentInvoices {

    /**
     * Opens the invoice of a new pending enrollment for the course's price.
     *
     * @return the id of the open invoice
     */
    UUID open(UUID userId, UUID enrollmentId, Money total);

    /**
     * The user cancels the enrollment: its open invoice is voided with it.
     *
     * @throws io.quarkiverse.resteasy.problem.HttpProblem 409 enrollment-paid when the invoice is paid (a paid
     *         enrollment is cancelled by refunding its invoice)
     */
    void releaseForCancellation(UUID invoiceId);
}
