package dev.campus.billing;

import java.util.List;

import jakarta.inject.Singleton;

import io.quarkus.arc.Unremovable;

import dev.campus.shared.events.Change;
import dev.campus.shared.events.ResourceEvents;

/** payment.recorded; subject: the paid invoice; data: the Payment (it has no resource of its own). */
@Singleton
@Unremovable
public class PaymentEvents implements ResourceEvents<Payment> {

    @Override
    public Class<Payment> entityType() {
        return Payment.class;
    }

    @Override
    public List<String> types() {
        return List.of("payment.recorded");
    }

    @Override
    public String subject(Payment payment) {
        return "/api/v1/invoices/" + payment.invoiceId;
    }

    @Override
    public Object data(Payment payment) {
        return PaymentEventData.of(payment);
    }

    @Override
    public List<String> typesOf(Change<Payment> change) {
        return change.created() ? List.of("payment.recorded") : List.of();
    }
}
