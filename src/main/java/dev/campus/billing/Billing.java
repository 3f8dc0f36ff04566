package dev.campus.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.campus.enrollment.CancellationReason;
import dev.campus.enrollment.Enrollment;
import dev.campus.shared.Money;
import dev.campus.shared.ProblemType;
import dev.campus.shared.Problems;
import dev.campus.shared.VersionedEntity;

/**
 * Opening, paying, voiding, expiring and refunding invoices, which move their enrollments too. Each change locks
 * the enrollment and then the invoice (the order Enrollments uses), so an invoice and its enrollment never
 * contradict. The precondition (If-Match) is checked against the locked invoice.
 */
@ApplicationScoped
public class Billing {

    /** How long a new invoice stays payable before it expires (campus.billing.payment-window). */
    @ConfigProperty(name = "campus.billing.payment-window")
    Duration paymentWindow;

    /** Opens the invoice of a pending enrollment, due one payment window after its creation. */
    public Invoice open(UUID userId, UUID enrollmentId, Money total) {
        return Invoice.openFor(userId, enrollmentId, total, paymentWindow);
    }

    /** Paid in full: the invoice is paid, the payment recorded, the enrollment active. */
    public Invoice pay(UUID invoiceId, PaymentRequest request, Consumer<Invoice> precondition) {
        Enrollment enrollment = Enrollment.requireForUpdate(Invoice.enrollmentIdOf(invoiceId));
        Invoice invoice = Invoice.requireForUpdate(invoiceId);
        precondition.accept(invoice);
        if (!invoice.isOpen()) {
            throw Problems.of(ProblemType.INVOICE_NOT_OPEN, "Only an open invoice can be paid; this one is " + invoice.status.apiValue());
        }
        if (!invoice.total.equals(request.amount().toMoney())) {
            throw Problems.of(ProblemType.AMOUNT_MISMATCH, "The amount " + request.amount().amount() + " " + request.amount().currency()
                    + " does not equal the invoice total " + invoice.total.amount() + " " + invoice.total.currency());
        }
        invoice.pay();
        Payment payment = new Payment();
        payment.invoiceId = invoice.id;
        payment.paymentReference = request.paymentReference().strip();
        payment.amount = request.amount().toMoney();
        payment.paidAt = VersionedEntity.now();
        payment.persist();
        enrollment.activate();
        Invoice.flush();
        return invoice;
    }

    /** An open invoice that will not be paid: its pending enrollment is cancelled with it (invoice_voided). */
    public Invoice voidInvoice(UUID invoiceId, Consumer<Invoice> precondition) {
        return cancellingEnrollment(invoiceId, checked(precondition), Invoice::voidIt, CancellationReason.INVOICE_VOIDED);
    }

    /**
     * Voids the invoice if it is still open and due by now, cancelling its enrollment as payment_expired and so
     * releasing its seat. Returns false, changing nothing, when it was paid or voided since it was selected.
     */
    public boolean expire(UUID invoiceId, Instant now) {
        return cancellingEnrollment(invoiceId, invoice -> invoice.isOverdue(now), Invoice::voidIt, CancellationReason.PAYMENT_EXPIRED) != null;
    }

    /** The money goes back and the enrollment is cancelled (invoice_refunded). */
    public Invoice refund(UUID invoiceId, Consumer<Invoice> precondition) {
        return cancellingEnrollment(invoiceId, checked(precondition), Invoice::refund, CancellationReason.INVOICE_REFUNDED);
    }

    /** A precondition that refuses by throwing (a 412, say), as one that may go ahead. */
    private static Predicate<Invoice> checked(Consumer<Invoice> precondition) {
        return invoice -> {
            precondition.accept(invoice);
            return true;
        };
    }

    /** Locks enrollment and invoice, then changes both if proceed says so; the invoice, or null when it did not. */
    private static Invoice cancellingEnrollment(UUID invoiceId, Predicate<Invoice> proceed, Consumer<Invoice> change,
            CancellationReason reason) {
        Enrollment enrollment = Enrollment.requireForUpdate(Invoice.enrollmentIdOf(invoiceId));
        Invoice invoice = Invoice.requireForUpdate(invoiceId);
        if (!proceed.test(invoice)) {
            return null;
        }
        change.accept(invoice);
        enrollment.cancel(reason);
        Invoice.flush();
        return invoice;
    }
}
