package dev.campus.kafka;

import java.time.Instant;
import java.util.UUID;

import dev.campus.event.RetentionHold;

/** One event of the outbox as the relay reads it: the feed's attributes, its data as JSON text, its writer's trace. */
record OutboxRow(UUID id, long tx, String type, String source, String subject, Instant time, String data, String traceparent) {

    /** Its position in feed order. */
    RetentionHold.Position position() {
        return new RetentionHold.Position(tx, id);
    }
}
