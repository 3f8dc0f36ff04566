package dev.campus.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import dev.campus.enrollment.CancellationReason;
import dev.campus.enrollment.Enrollment;
import dev.campus.shared.ApiEnumConverter;
import dev.campus.shared.Caller;
import dev.campus.shared.Money;
import dev.campus.shared.ProblemType;
import dev.campus.shared.Problems;
import dev.campus.shared.VersionedEntity;
import dev.campus.shared.paging.Keyset;
import dev.campus.shared.paging.Page;
import dev.campus.shared.paging.PageRequest;
import dev.campus.shared.paging.SortField;
import dev.campus.shared.paging.Sorting;
import dev.campus.shared.paging.WhereClause;

/** The invoice of a paid enrollment. */
@Entity
@Table(name = "invoices")
public class Invoice extends VersionedEntity {

    public static final Sorting<Invoice> SORTING = new Sorting<>("invoices", "createdAt",
            SortField.instant("createdAt", invoice -> invoice.createdAt));

    @Column(name = "user_id", nullable = false, updatable = false)
    public UUID userId;

    @Column(name = "enrollment_id", nullable = false, updatable = false)
    public UUID enrollmentId;

    @Embedded
    @AttributeOverride(name = "amount", column = @Column(name = "amount", nullable = false, updatable = false))
    @AttributeOverride(name = "currency", column = @Column(name = "currency", nullable = false, updatable = false))
    public Money total;

    @Convert(converter = StatusConverter.class)
    @Column(nullable = false)
    public InvoiceStatus status;

    @Column(name = "paid_at")
    public Instant paidAt;

    @Column(name = "voided_at")
    public Instant voidedAt;

    @Column(name = "refunded_at")
    public Instant refundedAt;

    /** Open past this time, the invoice expires: it is voided and its enrollment cancelled (see PaymentExpiry). */
    @Column(name = "due_at", nullable = false, updatable = false)
    public Instant dueAt;

    /** How long after its creation a new invoice is due; only read while it is persisted. */
    @Transient
    private Duration paymentWindow;

    /** A new open invoice, due paymentWindow after its creation time. */
    static Invoice openFor(UUID userId, UUID enrollmentId, Money total, Duration paymentWindow) {
        Invoice invoice = new Invoice();
        invoice.userId = userId;
        invoice.enrollmentId = enrollmentId;
        invoice.total = total;
        invoice.status = InvoiceStatus.OPEN;
        invoice.paymentWindow = paymentWindow;
        invoice.persistAndFlush();
        return invoice;
    }

    /** Runs after VersionedEntity's callback has set createdAt (superclass callbacks run first), so dueAt counts from it. */
    @PrePersist
    void dueOneWindowAfterCreation() {
        dueAt = createdAt.plus(paymentWindow);
    }

    /** The invoice if the caller may see it (its user, admins and services): 401 anonymous, otherwise 404 as if absent. */
    public static Invoice requireVisible(UUID id, Caller caller) {
        caller.requireActingFor(ownerOf(id), "Invoice", id);
        return require(id);
    }

    /**
     * The invoice, locked with its enrollment ({@link #lockWithEnrollment}), if the caller may change it (admins
     * and services): 401 anonymous, 403 for its own user, who can see it, otherwise 404 as if absent.
     */
    public static Invoice requireChangeable(UUID id, Caller caller) {
        caller.requireAuthenticated();
        UUID owner = ownerOf(id);
        if (!caller.isPrivileged()) {
            throw Problems.refused(caller.is(owner), "Invoice", id, "Only admins and services may void or refund invoices; this invoice is yours");
        }
        return lockWithEnrollment(id);
    }

    /** The version of the invoice if the caller may see it (its user, admins and services), else null. */
    public static Long visibleVersion(UUID id, Caller caller) {
        if (caller.isAnonymous()) {
            return null;
        }
        return new WhereClause().and("userId = :onlyUser", "onlyUser", caller.isPrivileged() ? null : caller.id())
                .versionWhere(Invoice.class, "id", id);
    }

    public static Invoice require(UUID id) {
        return Invoice.<Invoice>findByIdOptional(id).orElseThrow(() -> Problems.notFound("Invoice", id));
    }

    /**
     * The invoice, locked until the transaction ends, after its enrollment: the one place that states the lock
     * order of billing (enrollment, then invoice), which every change of an invoice and its enrollment takes, so
     * concurrent changes queue instead of deadlocking and an invoice and its enrollment never contradict.
     * Cancelling an enrollment takes the same order: the enrollment is locked first, then
     * {@link #requireForUpdate} here. 404 when there is no such invoice.
     */
    public static Invoice lockWithEnrollment(UUID id) {
        Enrollment.requireForUpdate(enrollmentIdOf(id));
        return requireForUpdate(id);
    }

    /** The invoice, locked until the transaction ends; its enrollment must be locked first ({@link #lockWithEnrollment}). 404 when absent. */
    static Invoice requireForUpdate(UUID id) {
        return Invoice.<Invoice>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).orElseThrow(() -> Problems.notFound("Invoice", id));
    }

    /** The locked invoice's enrollment (locked already by {@link #lockWithEnrollment}). */
    Enrollment enrollment() {
        return Enrollment.requireForUpdate(enrollmentId);
    }

    /** The enrollment an invoice belongs to, read without loading (or locking) the invoice. */
    static UUID enrollmentIdOf(UUID invoiceId) {
        return attributeOf("enrollmentId", invoiceId);
    }

    /** The user an invoice bills, read without loading (or locking) the invoice. */
    static UUID ownerOf(UUID invoiceId) {
        return attributeOf("userId", invoiceId);
    }

    private static UUID attributeOf(String attribute, UUID invoiceId) {
        return getEntityManager().createQuery("select " + attribute + " from Invoice where id = ?1", UUID.class)
                .setParameter(1, invoiceId).getResultStream().findFirst()
                .orElseThrow(() -> Problems.notFound("Invoice", invoiceId));
    }

    /** @param onlyUser when given, only this user's invoices (what a non-admin caller may see) */
    /**
     * A page of the invoices the caller may see (their own; every invoice for admins and services) that match the
     * given filters (null: any). 401 for anonymous callers.
     */
    public static Page<Invoice> search(Caller caller, UUID userId, InvoiceStatus status, UUID enrollmentId, PageRequest<Invoice> page) {
        caller.requireAuthenticated();
        WhereClause filter = new WhereClause()
                .and("userId = :onlyUser", "onlyUser", caller.isPrivileged() ? null : caller.id())
                .and("userId = :userId", "userId", userId)
                .and("status = :status", "status", status)
                .and("enrollmentId = :enrollmentId", "enrollmentId", enrollmentId);
        return Keyset.page((query, parameters) -> find(query, parameters), filter, page, invoice -> invoice.id);
    }

    /**
     * One row per (status, currency) of the user's invoices with count and total, or a single row of nulls for
     * a user without invoices, or no row for an unknown user: the whole standing in one statement. The total is
     * a numeric (BigDecimal), so it never overflows.
     */
    @SuppressWarnings("unchecked")
    static List<Object[]> totalsByStatusAndCurrency(UUID userId) {
        return getEntityManager().createNativeQuery("""
                select i.status, i.currency, count(i.id), coalesce(sum(i.amount::numeric), 0)
                from users u left join invoices i on i.user_id = u.id
                where u.id = ?1
                group by i.status, i.currency
                order by i.currency""").setParameter(1, userId).getResultList();
    }

    /**
     * Locks (FOR UPDATE SKIP LOCKED) the pending enrollments of up to limit open invoices due by now, earliest due
     * first, and returns those invoices' ids. Rows another transaction holds are skipped, not waited for, so
     * several replicas expiring at once each take different invoices. Locks the enrollment, not the invoice: the
     * caller then locks the invoice, in the order every change to both uses.
     */
    static List<UUID> lockOverdue(Instant now, int limit) {
        List<?> ids = getEntityManager().createNativeQuery("""
                select i.id from invoices i join enrollments e on e.id = i.enrollment_id
                where i.status = 'open' and i.due_at <= ?1 and e.status = 'pending_payment'
                order by i.due_at
                limit ?2
                for update of e skip locked""").setParameter(1, now).setParameter(2, limit).getResultList();
        return ids.stream().map(UUID.class::cast).toList();
    }

    /** Open and due by now: it expires. */
    boolean isOverdue(Instant now) {
        return isOpen() && !dueAt.isAfter(now);
    }

    public boolean isOpen() {
        return status == InvoiceStatus.OPEN;
    }

    public boolean isPaid() {
        return status == InvoiceStatus.PAID;
    }

    void pay() {
        requireStatus(InvoiceStatus.OPEN, "paid");
        status = InvoiceStatus.PAID;
        paidAt = now();
    }

    /** Named so because "void" is a keyword. */
    public void voidIt() {
        requireStatus(InvoiceStatus.OPEN, "voided");
        status = InvoiceStatus.VOID;
        voidedAt = now();
    }

    void refund() {
        requireStatus(InvoiceStatus.PAID, "refunded");
        status = InvoiceStatus.REFUNDED;
        refundedAt = now();
    }

    /** Voids this open invoice and cancels its (locked) enrollment for {@code reason}; 409 unless it is open. */
    void voidCancellingEnrollment(CancellationReason reason) {
        voidIt();
        enrollment().cancel(reason);
    }

    /** Refunds this paid invoice and cancels its (locked) enrollment (invoice_refunded); 409 unless it is paid. */
    void refundCancellingEnrollment() {
        refund();
        enrollment().cancel(CancellationReason.INVOICE_REFUNDED);
    }

    private void requireStatus(InvoiceStatus expected, String action) {
        if (status != expected) {
            throw Problems.of(expected == InvoiceStatus.OPEN ? ProblemType.INVOICE_NOT_OPEN : ProblemType.INVOICE_NOT_PAID, (expected == InvoiceStatus.OPEN ? "Only an open" : "Only a paid") + " invoice can be "
                    + action + "; this one is " + status.apiValue());
        }
    }

    static final class StatusConverter extends ApiEnumConverter<InvoiceStatus> {
        StatusConverter() {
            super(InvoiceStatus.class);
        }
    }
}
