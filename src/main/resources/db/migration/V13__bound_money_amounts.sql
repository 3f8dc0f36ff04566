-- Money amounts are bounded, so that sums stay exact: at most 10000000000 minor units (100 million EUR in
-- cents), the bound the API validates (dev.campus.course.Price). About 922 million invoices of the maximum
-- still add up in a bigint; the billing standing sums as numeric anyway.
--
-- NOT VALID: rows written before the bound are not scanned, so the migration cannot fail on them (they are
-- still read, and summed exactly); every row inserted or updated from now on is checked. So this comes after
-- the due_at backfill (V11), which updates every invoice, and any later migration that rewrites legacy rows
-- must keep them within these checks.

-- A legacy course above the bound can be changed only together with a price within it.
ALTER TABLE courses ADD CONSTRAINT courses_price_amount_max CHECK (price_amount <= 10000000000) NOT VALID;

-- Invoices are born open and their amount never changes, so bounding open invoices bounds every new one;
-- a legacy invoice above the bound can still be voided (or expire) or refunded, since a NOT VALID check
-- applies to every later update of the row. It cannot be paid: the payment would break the next check.
ALTER TABLE invoices ADD CONSTRAINT invoices_amount_max CHECK (status <> 'open' OR amount <= 10000000000) NOT VALID;

-- Payments are written once and never updated.
ALTER TABLE payments ADD CONSTRAINT payments_amount_max CHECK (amount <= 10000000000) NOT VALID;
