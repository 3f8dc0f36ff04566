package dev.campus.billing;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.UuidGenerator;

import dev.campus.shared.Money;
import dev.campus.shared.VersionedEntity;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The external payment that settled an invoice; recorded once, never changed. */
@Entity
@Table(name = "payments")
public class Payment extends PanacheEntityBase {

    @Id
    @GeneratedValue
    @UuidGenerator(style = UuidGenerator.Style.VERSION_7)
    public UUID id;

    @Column(name = "invoice_id", nullable = false, updatable = false)
    public UUID invoiceId;

    @Column(name = "payment_reference", nullable = false, updatable = false)
    public String paymentReference;

    @Embedded
    @AttributeOverride(name = "amount", column = @Column(name = "amount", nullable = false, updatable = false))
    @AttributeOverride(name = "currency", column = @Column(name = "currency", nullable = false, updatable = false))
    public Money amount;

    @Column(name = "paid_at", nullable = false, updatable = false)
    public Instant paidAt;

    /** Records the payment of an invoice, paid now; persisted with the transaction (unique reference: 409 at flush). */
    static Payment record(UUID invoiceId, String paymentReference, Money amount) {
        Payment payment = new Payment();
        payment.invoiceId = invoiceId;
        payment.paymentReference = paymentReference;
        payment.amount = amount;
        payment.paidAt = VersionedEntity.now();
        payment.persist();
        return payment;
    }
}
