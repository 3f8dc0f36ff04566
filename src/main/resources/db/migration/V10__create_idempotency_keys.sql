-- Responses of POSTs made with an Idempotency-Key, replayed when the same client repeats the request.
-- scope names the client and the operation, so one client's key never answers another's request.
CREATE TABLE idempotency_keys (
    scope          varchar(300) NOT NULL,
    idempotency_key varchar(255) NOT NULL,
    request_hash   varchar(64)  NOT NULL,
    status_code    integer,
    response_body  text,
    location       varchar(500),
    etag           varchar(100),
    created_at     timestamptz  NOT NULL,
    expires_at     timestamptz  NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);

CREATE INDEX idempotency_keys_expires_at_idx ON idempotency_keys (expires_at);
