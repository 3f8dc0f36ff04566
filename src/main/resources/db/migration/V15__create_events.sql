-- Domain events (the transactional outbox): one row per event, inserted in the transaction of the change it
-- describes, in CloudEvents terms (id, type, source, subject, time, data). tx is the id of the writing
-- transaction: the feed orders by (tx, id) and shows an event only once every transaction with a smaller id has
-- ended (tx below the snapshot's xmin), so an event never appears before one sorted ahead of it.
CREATE TABLE events (
    id          uuid         PRIMARY KEY,
    tx          bigint       NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    type        varchar(100) NOT NULL,
    source      varchar(200) NOT NULL,
    subject     varchar(300) NOT NULL,
    occurred_at timestamptz  NOT NULL,
    data        jsonb        NOT NULL
);

CREATE INDEX events_feed_idx ON events (tx, id);
CREATE INDEX events_type_idx ON events (type, tx, id);
CREATE INDEX events_subject_idx ON events (subject, tx, id);
CREATE INDEX events_occurred_at_idx ON events (occurred_at);
