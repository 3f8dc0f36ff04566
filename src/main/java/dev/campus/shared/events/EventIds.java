package dev.campus.shared.events;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Event ids: UUIDv7 (RFC 9562), strictly increasing within this process (a 12-bit counter in rand_a breaks ties
 * within a millisecond), so the events of one transaction keep the order they were written in.
 */
public final class EventIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static long lastMillis;
    private static int counter;

    private EventIds() {
    }

    /** The next id. */
    public static synchronized UUID next() {
        long millis = System.currentTimeMillis();
        if (millis > lastMillis) {
            lastMillis = millis;
            counter = RANDOM.nextInt(1 << 10);
        } else if (++counter >= 1 << 12) {
            lastMillis++;
            counter = 0;
        }
        long high = (lastMillis << 16) | 0x7000L | counter;
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
