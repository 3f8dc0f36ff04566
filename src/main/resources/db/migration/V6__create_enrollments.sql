-- Enrollments: one user in one course. pending_payment -> active -> completed, or cancelled; each
-- transition keeps its time. The service locks the course row while enrolling, so seat capacity holds.
CREATE TABLE enrollments (
    id            uuid        PRIMARY KEY,
    user_id       uuid        NOT NULL,
    course_id     uuid        NOT NULL,
    status        varchar(20) NOT NULL CHECK (status IN ('pending_payment', 'active', 'completed', 'cancelled')),
    enrolled_at   timestamptz NOT NULL,
    activated_at  timestamptz,
    completed_at  timestamptz,
    cancelled_at  timestamptz,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    version       bigint      NOT NULL DEFAULT 0,
    -- Users and courses with enrollments cannot be deleted.
    CONSTRAINT enrollments_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT,
    CONSTRAINT enrollments_course_fk FOREIGN KEY (course_id) REFERENCES courses (id) ON DELETE RESTRICT,
    CONSTRAINT enrollments_activated_at_check CHECK (status NOT IN ('active', 'completed') OR activated_at IS NOT NULL),
    CONSTRAINT enrollments_completed_at_check CHECK (status <> 'completed' OR completed_at IS NOT NULL),
    CONSTRAINT enrollments_cancelled_at_check CHECK (status <> 'cancelled' OR cancelled_at IS NOT NULL)
);

-- At most one live enrollment per user and course.
CREATE UNIQUE INDEX enrollments_live_unique ON enrollments (user_id, course_id)
    WHERE status IN ('pending_payment', 'active');

-- Only the lifecycle's transitions; completed and cancelled are final, except that refunding a completed
-- course's invoice cancels its enrollment.
CREATE FUNCTION enrollments_check_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status <> OLD.status AND NOT (
           (OLD.status = 'pending_payment' AND NEW.status IN ('active', 'cancelled'))
        OR (OLD.status = 'active' AND NEW.status IN ('completed', 'cancelled'))
        OR (OLD.status = 'completed' AND NEW.status = 'cancelled')) THEN
        RAISE EXCEPTION 'enrollment % cannot go from % to %', OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'enrollments_transition_check';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER enrollments_transition BEFORE UPDATE OF status ON enrollments
    FOR EACH ROW EXECUTE FUNCTION enrollments_check_transition();
