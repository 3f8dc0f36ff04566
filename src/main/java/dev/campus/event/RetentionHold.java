package dev.campus.event;

import java.util.Optional;
import java.util.UUID;

/**
 * A reader of the outbox besides the feed whose unread events the retention must keep (the Kafka relay): CDI
 * collects the beans, and {@link EventRetention} deletes no event after the position any of them names.
 */
public interface RetentionHold {

    /** A position in feed order: the writing transaction's id, then the event id. */
    record Position(long tx, UUID id) implements Comparable<Position> {

        /** Before every event. */
        public static final Position START = new Position(0, new UUID(0, 0));

        /** Feed order, with ids compared as PostgreSQL compares uuids (unsigned, byte by byte). */
        @Override
        public int compareTo(Position other) {
            int byTx = Long.compare(tx, other.tx);
            if (byTx != 0) {
                return byTx;
            }
            int high = Long.compareUnsigned(id.getMostSignificantBits(), other.id.getMostSignificantBits());
            return high != 0 ? high : Long.compareUnsigned(id.getLeastSignificantBits(), other.id.getLeastSignificantBits());
        }
    }

    /** The position up to which this reader is done with events (keep every event after it); empty when it reads none. */
    Optional<Position> doneUpTo();
}
