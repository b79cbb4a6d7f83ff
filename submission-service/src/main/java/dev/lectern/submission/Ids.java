package dev.lectern.submission;

import org.hibernate.id.uuid.UuidVersion7Strategy;

import java.util.UUID;

/**
 * New ids for rows written at a high rate (proposals, outbox rows, imports): UUID version 7 (RFC 9562) from
 * Hibernate's generator, Unix milliseconds followed by random bits. Ids made one after another sort one after another,
 * so PostgreSQL appends them to the right edge of a primary-key index instead of touching a random page of it for each
 * insert (and logging that whole page again after every checkpoint). The JDBC write paths mint them here, with the
 * same generator an entity's {@code @UuidGenerator(style = VERSION_7)} uses.
 */
public final class Ids {

    private Ids() {
    }

    public static UUID timeOrdered() {
        // The strategy uses no session: it keeps its own clock and counter.
        return UuidVersion7Strategy.INSTANCE.generateUuid(null);
    }
}
