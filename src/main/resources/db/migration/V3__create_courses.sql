-- Courses: draft -> published -> archived; the instructor is a user (role checked by the service).
CREATE TABLE courses (
    id              uuid         PRIMARY KEY,
    slug            varchar(100) NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    title           varchar(200) NOT NULL CHECK (length(btrim(title)) > 0),
    description     varchar(10000) NOT NULL DEFAULT '',
    instructor_id   uuid         NOT NULL,
    status          varchar(20)  NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
    price_amount    bigint       NOT NULL CHECK (price_amount >= 0),
    price_currency  varchar(3)    NOT NULL CHECK (price_currency ~ '^[A-Z]{3}$'),
    seat_capacity   integer      CHECK (seat_capacity > 0),
    published_at    timestamptz,
    archived_at     timestamptz,
    created_at      timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL,
    version         bigint       NOT NULL DEFAULT 0,
    CONSTRAINT courses_slug_unique UNIQUE (slug),
    -- A user who instructs courses cannot be deleted.
    CONSTRAINT courses_instructor_fk FOREIGN KEY (instructor_id) REFERENCES users (id) ON DELETE RESTRICT,
    CONSTRAINT courses_published_at_check CHECK (status = 'draft' OR published_at IS NOT NULL),
    CONSTRAINT courses_archived_at_check CHECK (status <> 'archived' OR archived_at IS NOT NULL)
);
