import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Checks the database after the write benchmark: as many paid invoices as the load generator saw payments
 * succeed, exactly one payment per paid invoice (for its total), and every paid invoice's enrollment active.
 * With EXPECTED_PAYMENT_EVENTS, also that the transactional outbox wrote exactly that many payment.recorded
 * events (one per payment made while events were on) and one invoice.paid event per such payment.
 *   java -cp postgresql.jar bench/VerifyWrites.java JDBC_URL USER PASSWORD EXPECTED_PAID [EXPECTED_PAYMENT_EVENTS]
 * Prints "key=value" lines for run.sh and "ok" or "FAIL ..." last; exits 1 when a check fails.
 */
public class VerifyWrites {

    public static void main(String[] args) throws Exception {
        if (args.length != 4 && args.length != 5) {
            System.err.println("usage: VerifyWrites JDBC_URL USER PASSWORD EXPECTED_PAID [EXPECTED_PAYMENT_EVENTS]");
            System.exit(2);
        }
        long expectedPaid = Long.parseLong(args[3]);
        long expectedPaymentEvents = args.length == 5 ? Long.parseLong(args[4]) : -1;
        try (Connection db = DriverManager.getConnection(args[0], args[1], args[2]);
                Statement st = db.createStatement()) {
            db.setReadOnly(true);
            db.setAutoCommit(false);  // one snapshot for all the counts
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            long paid = count(st, "SELECT count(*) FROM invoices WHERE status = 'paid'");
            long open = count(st, "SELECT count(*) FROM invoices WHERE status = 'open'");
            long otherInvoices = count(st, "SELECT count(*) FROM invoices WHERE status NOT IN ('paid', 'open')");
            long payments = count(st, "SELECT count(*) FROM payments");
            long enrollments = count(st, "SELECT count(*) FROM enrollments");
            long active = count(st, "SELECT count(*) FROM enrollments WHERE status = 'active'");
            long pending = count(st, "SELECT count(*) FROM enrollments WHERE status = 'pending_payment'");
            // paid invoices with no payment or several
            long notOnePayment = count(st, """
                    SELECT count(*) FROM invoices i
                    WHERE i.status = 'paid' AND (SELECT count(*) FROM payments p WHERE p.invoice_id = i.id) <> 1""");
            // payments of invoices that are not paid, or for another amount than the invoice's total
            long strayPayments = count(st, """
                    SELECT count(*) FROM payments p JOIN invoices i ON i.id = p.invoice_id
                    WHERE i.status <> 'paid' OR p.amount <> i.amount OR p.currency <> i.currency""");
            // paid invoices whose enrollment did not become active, and open ones whose enrollment is not pending
            long mismatchedEnrollments = count(st, """
                    SELECT count(*) FROM invoices i JOIN enrollments e ON e.id = i.enrollment_id
                    WHERE (i.status = 'paid' AND e.status <> 'active')
                       OR (i.status = 'open' AND e.status <> 'pending_payment')""");
            // every invoice's amount is its course's price
            long wrongTotals = count(st, """
                    SELECT count(*) FROM invoices i JOIN enrollments e ON e.id = i.enrollment_id
                         JOIN courses c ON c.id = e.course_id
                    WHERE i.amount <> c.price_amount OR i.currency <> c.price_currency""");
            long paymentEvents = expectedPaymentEvents < 0 ? -1 : count(st, "SELECT count(*) FROM events WHERE type = 'payment.recorded'");
            long paidEvents = expectedPaymentEvents < 0 ? -1 : count(st, "SELECT count(*) FROM events WHERE type = 'invoice.paid'");
            db.commit();

            System.out.println("paid_invoices=" + paid);
            System.out.println("expected_paid=" + expectedPaid);
            System.out.println("payments=" + payments);
            System.out.println("open_invoices=" + open);
            System.out.println("enrollments=" + enrollments);
            System.out.println("active_enrollments=" + active);
            System.out.println("pending_enrollments=" + pending);
            System.out.println("paid_without_exactly_one_payment=" + notOnePayment);
            System.out.println("stray_payments=" + strayPayments);
            System.out.println("invoice_enrollment_mismatches=" + mismatchedEnrollments);
            System.out.println("invoice_totals_not_course_price=" + wrongTotals);
            System.out.println("payment_events=" + paymentEvents);
            System.out.println("invoice_paid_events=" + paidEvents);

            StringBuilder failures = new StringBuilder();
            if (paid != expectedPaid) {
                failures.append(" paid invoices ").append(paid).append(" != successful pays ").append(expectedPaid).append(';');
            }
            if (payments != paid) {
                failures.append(" payments ").append(payments).append(" != paid invoices ").append(paid).append(';');
            }
            if (notOnePayment + strayPayments + mismatchedEnrollments + wrongTotals + otherInvoices > 0) {
                failures.append(" inconsistent rows (see counts above; ").append(otherInvoices).append(" void/refunded invoices);");
            }
            if (active != paid || pending != open || enrollments != paid + open) {
                failures.append(" enrollments do not match invoices;");
            }
            if (expectedPaymentEvents >= 0 && (paymentEvents != expectedPaymentEvents || paidEvents != expectedPaymentEvents)) {
                failures.append(" events: ").append(paymentEvents).append(" payment.recorded and ").append(paidEvents)
                        .append(" invoice.paid for ").append(expectedPaymentEvents).append(" payments made with events on;");
            }
            System.out.println(failures.length() == 0 ? "ok" : "FAIL" + failures);
            System.exit(failures.length() == 0 ? 0 : 1);
        }
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
