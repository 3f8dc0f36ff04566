-- Billing: one invoice per paid enrollment (open -> paid -> refunded, or open -> void) and the payment
-- that settled it.
CREATE TABLE invoices (
    id              uuid        PRIMARY KEY,
    user_id         uuid        NOT NULL,
    enrollment_id   uuid        NOT NULL,
    amount          bigint      NOT NULL CHECK (amount > 0),
    currency        varchar(3)  NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    status          varchar(20) NOT NULL CHECK (status IN ('open', 'paid', 'void', 'refunded')),
    paid_at         timestamptz,
    voided_at       timestamptz,
    refunded_at     timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    version         bigint      NOT NULL DEFAULT 0,
    CONSTRAINT invoices_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT,
    CONSTRAINT invoices_enrollment_fk FOREIGN KEY (enrollment_id) REFERENCES enrollments (id) ON DELETE RESTRICT,
    CONSTRAINT invoices_enrollment_unique UNIQUE (enrollment_id),
    CONSTRAINT invoices_paid_at_check CHECK (status NOT IN ('paid', 'refunded') OR paid_at IS NOT NULL),
    CONSTRAINT invoices_voided_at_check CHECK (status <> 'void' OR voided_at IS NOT NULL),
    CONSTRAINT invoices_refunded_at_check CHECK (status <> 'refunded' OR refunded_at IS NOT NULL)
);

CREATE FUNCTION invoices_check_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status <> OLD.status AND NOT (
           (OLD.status = 'open' AND NEW.status IN ('paid', 'void'))
        OR (OLD.status = 'paid' AND NEW.status = 'refunded')) THEN
        RAISE EXCEPTION 'invoice % cannot go from % to %', OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'invoices_transition_check';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER invoices_transition BEFORE UPDATE OF status ON invoices
    FOR EACH ROW EXECUTE FUNCTION invoices_check_transition();

-- Filters and the sort order (createdAt) of GET /api/v1/invoices; the user index also serves the
-- billing standing.
CREATE INDEX invoices_user_idx ON invoices (user_id, created_at, id);
CREATE INDEX invoices_status_idx ON invoices (status, created_at, id);
CREATE INDEX invoices_created_at_idx ON invoices (created_at, id);

CREATE TABLE payments (
    id                 uuid         PRIMARY KEY,
    invoice_id         uuid         NOT NULL,
    payment_reference  varchar(200) NOT NULL CHECK (length(btrim(payment_reference)) > 0),
    amount             bigint       NOT NULL CHECK (amount > 0),
    currency           varchar(3)   NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    paid_at            timestamptz  NOT NULL,
    CONSTRAINT payments_invoice_fk FOREIGN KEY (invoice_id) REFERENCES invoices (id) ON DELETE RESTRICT,
    -- An invoice is paid once; an external payment settles one invoice.
    CONSTRAINT payments_invoice_unique UNIQUE (invoice_id),
    CONSTRAINT payments_reference_unique UNIQUE (payment_reference)
);
