package dev.campus.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.campus.enrollment.CancellationReason;
import dev.campus.enrollment.EnrollmentInvoices;
import dev.campus.shared.Money;
import dev.campus.shared.Preconditions;
import dev.campus.shared.ProblemType;
import dev.campus.shared.Problems;

/**
 * Opening, paying, voiding, expiring and refunding invoices, which move their enrollments too. Every change
 * locks the enrollment and then the invoice ({@link Invoice#lockWithEnrollment}), so an invoice and its
 * enrollment never contradict, and checks the client's preconditions (If-Match) against the locked invoice.
 * Implements {@link EnrollmentInvoices}, what the enrollment feature needs of billing.
 */
@ApplicationScoped
public class BillingService implements EnrollmentInvoices {

    /** How long a new invoice stays payable before it expires (campus.billing.payment-window). */
    @ConfigProperty(name = "campus.billing.payment-window")
    Duration paymentWindow;

    /** Opens the invoice of a pending enrollment, due one payment window after its creation; returns its id. */
    @Override
    public UUID open(UUID userId, UUID enrollmentId, Money total) {
        return Invoice.openFor(userId, enrollmentId, total, paymentWindow).id;
    }

    /** The enrollment (locked by the caller) is cancelled: its open invoice is voided; 409 when it is paid. */
    @Override
    public void releaseForCancellation(UUID invoiceId) {
        Invoice invoice = Invoice.requireForUpdate(invoiceId);
        if (invoice.isPaid()) {
            throw Problems.of(ProblemType.ENROLLMENT_PAID, "The enrollment is paid; refund invoice " + invoice.id + " to cancel it");
        }
        if (invoice.isOpen()) {
            invoice.voidIt();
        }
    }

    /**
     * Paid in full: the invoice is paid, the payment recorded, the enrollment active. Returns the paid invoice.
     * 404 unknown invoice, 409 not open, 412 preconditions not met, 422 amount not the total.
     */
    public Invoice pay(UUID invoiceId, PaymentRequest request, Preconditions preconditions) {
        Invoice invoice = Invoice.lockWithEnrollment(invoiceId);
        preconditions.requireMet(invoice.version);
        if (!invoice.isOpen()) {
            throw Problems.of(ProblemType.INVOICE_NOT_OPEN, "Only an open invoice can be paid; this one is " + invoice.status.apiValue());
        }
        if (!invoice.total.equals(request.amount().toMoney())) {
            throw Problems.of(ProblemType.AMOUNT_MISMATCH, "The amount " + request.amount().amount() + " " + request.amount().currency()
                    + " does not equal the invoice total " + invoice.total.amount() + " " + invoice.total.currency());
        }
        invoice.pay();
        Payment.record(invoice.id, request.paymentReference().strip(), request.amount().toMoney());
        invoice.enrollment().activate();
        Invoice.flush();
        return invoice;
    }

    /** An open invoice that will not be paid: its pending enrollment is cancelled with it (invoice_voided). */
    public Invoice voidInvoice(UUID invoiceId, Preconditions preconditions) {
        Invoice invoice = Invoice.lockWithEnrollment(invoiceId);
        preconditions.requireMet(invoice.version);
        invoice.voidCancellingEnrollment(CancellationReason.INVOICE_VOIDED);
        Invoice.flush();
        return invoice;
    }

    /** The money goes back and the enrollment is cancelled (invoice_refunded). 409 unless the invoice is paid. */
    public Invoice refund(UUID invoiceId, Preconditions preconditions) {
        Invoice invoice = Invoice.lockWithEnrollment(invoiceId);
        preconditions.requireMet(invoice.version);
        invoice.refundCancellingEnrollment();
        Invoice.flush();
        return invoice;
    }

    /**
     * Voids the invoice if it is still open and due by {@code now}, cancelling its enrollment as payment_expired
     * and so releasing its seat. Returns false, changing nothing, when it was paid or voided since it was selected.
     */
    public boolean expire(UUID invoiceId, Instant now) {
        Invoice invoice = Invoice.lockWithEnrollment(invoiceId);
        if (!invoice.isOverdue(now)) {
            return false;
        }
        invoice.voidCancellingEnrollment(CancellationReason.PAYMENT_EXPIRED);
        Invoice.flush();
        return true;
    }
}
