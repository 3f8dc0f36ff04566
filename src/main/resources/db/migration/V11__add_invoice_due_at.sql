-- An invoice is due one payment window (campus.billing.payment-window, 48 hours by default) after it is
-- opened; the expiry job voids open invoices past due and cancels their enrollments, releasing the seats.
ALTER TABLE invoices ADD COLUMN due_at timestamptz;

-- Invoices opened before the window existed get the default one. For open invoices this is when they expire
-- (those older than 48 hours, on the job's first run); for the others, a record of when they were due.
UPDATE invoices SET due_at = created_at + interval '48 hours';

ALTER TABLE invoices ALTER COLUMN due_at SET NOT NULL;

-- The expiry job's query: open invoices by due time. Closed invoices are never looked up by it, so they stay
-- out of the index.
CREATE INDEX invoices_open_due_at_idx ON invoices (due_at) WHERE status = 'open';
