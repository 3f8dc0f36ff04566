package dev.campus.billing;

import java.util.List;

import jakarta.inject.Singleton;

import io.quarkus.arc.Unremovable;

import dev.campus.enrollment.CancellationReason;
import dev.campus.enrollment.Enrollment;
import dev.campus.shared.events.Change;
import dev.campus.shared.events.ResourceEvents;

/**
 * invoice.opened, invoice.paid, invoice.voided, invoice.expired (voided because its payment window passed: its
 * enrollment was cancelled as payment_expired), invoice.refunded; data: the Invoice representation.
 */
@Singleton
@Unremovable
public class InvoiceEvents implements ResourceEvents<Invoice> {

    @Override
    public Class<Invoice> entityType() {
        return Invoice.class;
    }

    @Override
    public List<String> types() {
        return List.of("invoice.opened", "invoice.paid", "invoice.voided", "invoice.expired", "invoice.refunded");
    }

    @Override
    public String subject(Invoice invoice) {
        return "/api/v1/invoices/" + invoice.id;
    }

    @Override
    public Object data(Invoice invoice) {
        return InvoiceResponse.of(invoice);
    }

    @Override
    public List<String> typesOf(Change<Invoice> change) {
        if (change.created()) {
            return List.of("invoice.opened");
        }
        if (change.deleted() || !change.changed("status")) {
            return List.of();
        }
        return switch (change.entity().status) {
            case PAID -> List.of("invoice.paid");
            case REFUNDED -> List.of("invoice.refunded");
            case VOID -> {
                Enrollment enrollment = change.find(Enrollment.class, change.entity().enrollmentId);
                yield List.of(enrollment != null && enrollment.cancellationReason == CancellationReason.PAYMENT_EXPIRED
                        ? "invoice.expired" : "invoice.voided");
            }
            default -> List.of();
        };
    }
}
