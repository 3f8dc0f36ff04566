package dev.campus.billing;

import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import dev.campus.enrollment.Enrollment;
import dev.campus.shared.Problems;
import dev.campus.shared.VersionedEntity;

/**
 * Paying, voiding and refunding invoices, which move their enrollments too. Each locks the enrollment and
 * then the invoice (the order Enrollments uses), so an invoice and its enrollment never contradict. The
 * precondition (If-Match) is checked against the locked invoice.
 */
@ApplicationScoped
public class Billing {

    /** Paid in full: the invoice is paid, the payment recorded, the enrollment active. */
    public Invoice pay(UUID invoiceId, PaymentRequest request, Consumer<Invoice> precondition) {
        Enrollment enrollment = Enrollment.requireForUpdate(Invoice.enrollmentIdOf(invoiceId));
        Invoice invoice = Invoice.requireForUpdate(invoiceId);
        precondition.accept(invoice);
        if (!invoice.isOpen()) {
            throw Problems.conflict("Only an open invoice can be paid; this one is " + invoice.status.apiValue());
        }
        if (!invoice.total.equals(request.amount())) {
            throw Problems.unprocessable("The amount " + request.amount().amount() + " " + request.amount().currency()
                    + " does not equal the invoice total " + invoice.total.amount() + " " + invoice.total.currency());
        }
        invoice.pay();
        Payment payment = new Payment();
        payment.invoiceId = invoice.id;
        payment.paymentReference = request.paymentReference().strip();
        payment.amount = request.amount();
        payment.paidAt = VersionedEntity.now();
        payment.persist();
        enrollment.activate();
        Invoice.flush();
        return invoice;
    }

    /** An open invoice that will not be paid: its pending enrollment is cancelled with it. */
    public Invoice voidInvoice(UUID invoiceId, Consumer<Invoice> precondition) {
        return cancellingEnrollment(invoiceId, precondition, Invoice::voidIt);
    }

    /** The money goes back and the enrollment is cancelled. */
    public Invoice refund(UUID invoiceId, Consumer<Invoice> precondition) {
        return cancellingEnrollment(invoiceId, precondition, Invoice::refund);
    }

    private static Invoice cancellingEnrollment(UUID invoiceId, Consumer<Invoice> precondition, Consumer<Invoice> change) {
        Enrollment enrollment = Enrollment.requireForUpdate(Invoice.enrollmentIdOf(invoiceId));
        Invoice invoice = Invoice.requireForUpdate(invoiceId);
        precondition.accept(invoice);
        change.accept(invoice);
        enrollment.cancel();
        Invoice.flush();
        return invoice;
    }
}
