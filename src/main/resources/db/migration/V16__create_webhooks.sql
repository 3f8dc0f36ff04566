-- Webhook endpoints (subscriptions to the events feed) and the attempts to deliver events to them.
-- Each endpoint follows the feed with its own cursor (cursor_tx, cursor_id: the last event it acknowledged or
-- skipped), so it receives its events in feed order; while an attempt fails, next_attempt_at backs off and
-- failing_since says since when (an endpoint failing for campus.webhooks.retry-window is disabled).
CREATE TABLE webhook_endpoints (
    id              uuid          PRIMARY KEY,
    url             varchar(2000) NOT NULL,
    event_types     varchar(2000) NOT NULL,
    description     varchar(500),
    enabled         boolean       NOT NULL,
    disabled_reason varchar(500),
    secret          varchar(100)  NOT NULL,
    cursor_tx       bigint        NOT NULL,
    cursor_id       uuid          NOT NULL,
    next_attempt_at timestamptz   NOT NULL,
    failing_since   timestamptz,
    failed_attempts integer       NOT NULL DEFAULT 0,
    version         bigint        NOT NULL,
    created_at      timestamptz   NOT NULL,
    updated_at      timestamptz   NOT NULL
);

CREATE INDEX webhook_endpoints_created_at_idx ON webhook_endpoints (created_at, id);
CREATE INDEX webhook_endpoints_due_idx ON webhook_endpoints (next_attempt_at) WHERE enabled;

CREATE TABLE webhook_deliveries (
    id               uuid         PRIMARY KEY,
    endpoint_id      uuid         NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_id         uuid         NOT NULL,
    event_type       varchar(100) NOT NULL,
    succeeded        boolean      NOT NULL,
    status_code      integer,
    latency_ms       integer      NOT NULL,
    error            varchar(500),
    response_excerpt varchar(500),
    attempted_at     timestamptz  NOT NULL
);

CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, attempted_at, id);
