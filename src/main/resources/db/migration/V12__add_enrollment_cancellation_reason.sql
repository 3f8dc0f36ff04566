-- Why an enrollment was cancelled, set with cancelled_at:
--   cancelled_by_user  POST /enrollments/{id}/cancel (its student, or an admin or service for them)
--   invoice_voided     an admin or service voided its open invoice
--   invoice_refunded   its invoice was refunded
--   payment_expired    its invoice was not paid by its due time (the expiry job)
ALTER TABLE enrollments ADD COLUMN cancellation_reason varchar(30)
    CONSTRAINT enrollments_cancellation_reason_check
    CHECK (cancellation_reason IN ('cancelled_by_user', 'invoice_voided', 'invoice_refunded', 'payment_expired'));

-- Earlier cancellations, where the data tells the reason: a refunded invoice, or no invoice at all (a free
-- course, which only the cancel action cancels). A void invoice does not tell whether the student cancelled or
-- an admin voided: those keep no reason rather than a guessed one.
UPDATE enrollments e SET cancellation_reason = 'invoice_refunded'
WHERE e.status = 'cancelled' AND EXISTS (SELECT 1 FROM invoices i WHERE i.enrollment_id = e.id AND i.status = 'refunded');
UPDATE enrollments e SET cancellation_reason = 'cancelled_by_user'
WHERE e.status = 'cancelled' AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.enrollment_id = e.id);

-- Only cancelled enrollments have a reason.
ALTER TABLE enrollments ADD CONSTRAINT enrollments_cancellation_reason_status_check
    CHECK (status = 'cancelled' OR cancellation_reason IS NULL);

-- Every cancellation from now on has one. NOT VALID: the earlier ones without a reason stay as they are (a
-- cancelled enrollment is final, so they are never updated and never meet this check).
ALTER TABLE enrollments ADD CONSTRAINT enrollments_cancellation_reason_required_check
    CHECK (status <> 'cancelled' OR cancellation_reason IS NOT NULL) NOT VALID;
