package dev.lectern.submission;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * New ids for rows written at a high rate (proposals, outbox rows): UUID version 7 (RFC 9562), 48 bits of
 * Unix milliseconds followed by 74 random bits. Ids made one after another sort one after another, so
 * PostgreSQL appends them to the right edge of a primary-key index instead of touching a random page of it
 * for each insert (and logging that whole page again after every checkpoint). The random part keeps them as
 * hard to guess as version 4 ids; what they add is the creation time, which the API shows anyway.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static UUID timeOrdered() {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | ((random[0] & 0x0fL) << 8) | (random[1] & 0xffL);
        long low = 0x8000000000000000L | ((random[2] & 0x3fL) << 56);
        for (int i = 3; i < 10; i++) {
            low |= (random[i] & 0xffL) << (8 * (9 - i));
        }
        return new UUID(high, low);
    }
}
