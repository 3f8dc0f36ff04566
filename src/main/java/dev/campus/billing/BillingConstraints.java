package dev.campus.billing;

import java.util.Map;

import jakarta.inject.Singleton;

import dev.campus.course.Price;
import dev.campus.shared.ConstraintMessages;
import dev.campus.shared.ProblemType;

/** What a refused write to invoices and payments means to the client. */
@Singleton
class BillingConstraints implements ConstraintMessages {

    @Override
    public Map<String, Answer> answers() {
        return Map.of(
                "payments_reference_unique", Answer.of(ProblemType.PAYMENT_REFERENCE_USED, "This payment reference was already recorded for another payment"),
                "payments_invoice_unique", Answer.of(ProblemType.INVOICE_NOT_OPEN, "The invoice is already paid"),
                "invoices_transition_check", Answer.of(ProblemType.TRANSITION_REFUSED, "The invoice cannot make that status change"),
                "invoices_user_fk", Answer.of(ProblemType.RESOURCE_IN_USE, "The user has invoices and cannot be deleted"),
                // Prices are validated against the same bound, so only a legacy course (priced before it) meets these.
                "invoices_amount_max", Answer.of(ProblemType.PRICE_ABOVE_MAXIMUM, "The course's price is above the maximum of " + Price.MAX_AMOUNT
                        + " minor units, so it cannot be invoiced; its price must be lowered first"),
                "payments_amount_max", Answer.of(ProblemType.AMOUNT_ABOVE_MAXIMUM, "The amount is above the maximum of " + Price.MAX_AMOUNT + " minor units"));
    }
}
