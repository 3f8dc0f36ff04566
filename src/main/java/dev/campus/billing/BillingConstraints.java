package dev.campus.billing;

import java.util.Map;

import jakarta.inject.Singleton;

import dev.campus.course.Price;
import dev.campus.shared.ConstraintMessages;

/** What a refused write to invoices and payments means to the client. */
@Singleton
class BillingConstraints implements ConstraintMessages {

    @Override
    public Map<String, Answer> answers() {
        return Map.of(
                "payments_reference_unique", Answer.conflict("This payment reference was already recorded for another payment"),
                "payments_invoice_unique", Answer.conflict("The invoice is already paid"),
                "invoices_transition_check", Answer.conflict("The invoice cannot make that status change"),
                "invoices_user_fk", Answer.conflict("The user has invoices and cannot be deleted"),
                // Prices are validated against the same bound, so only a legacy course (priced before it) meets these.
                "invoices_amount_max", Answer.conflict("The course's price is above the maximum of " + Price.MAX_AMOUNT
                        + " minor units, so it cannot be invoiced; its price must be lowered first"),
                "payments_amount_max", Answer.unprocessable("The amount is above the maximum of " + Price.MAX_AMOUNT + " minor units"));
    }
}
