-- The Kafka relay's position (dev.campus.kafka): per topic, the last event (in feed order: tx, id) the broker
-- acknowledged. The relay publishes the events after it and moves it only after the broker's ack; the outbox's
-- retention keeps every event after it while the relay is on. A new table only: the previous release ignores it.
CREATE TABLE kafka_relay (
    topic        varchar(249) PRIMARY KEY,
    position_tx  bigint       NOT NULL,
    position_id  uuid         NOT NULL,
    published_at timestamptz,
    updated_at   timestamptz  NOT NULL
);
