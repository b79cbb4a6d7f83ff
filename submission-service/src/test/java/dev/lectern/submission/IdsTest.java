package dev.lectern.submission;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdsTest {

    @Test
    void idsAreVersion7WithTheCreationTimeAndSortByIt() throws InterruptedException {
        long before = System.currentTimeMillis();
        UUID first = Ids.timeOrdered();
        Thread.sleep(2);
        UUID second = Ids.timeOrdered();
        long after = System.currentTimeMillis();
        for (UUID id : new UUID[] {first, second}) {
            assertEquals(7, id.version());
            assertEquals(2, id.variant());
            long millis = id.getMostSignificantBits() >>> 16;
            assertTrue(millis >= before && millis <= after, id + " holds " + millis);
            assertEquals(id, UUID.fromString(id.toString()));
        }
        // PostgreSQL compares uuids as unsigned bytes, which for ids of different milliseconds is their time order.
        assertTrue(first.toString().compareTo(second.toString()) < 0, first + " then " + second);
    }

    @Test
    void idsMadeInTheSameMillisecondDiffer() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(Ids.timeOrdered());
        }
        assertEquals(100_000, ids.size());
    }
}
