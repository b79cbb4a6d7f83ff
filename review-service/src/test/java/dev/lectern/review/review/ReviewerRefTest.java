package dev.lectern.review.review;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReviewerRefTest {

    static final byte[] SECRET = "a secret of thirty-two bytes ...".getBytes(StandardCharsets.US_ASCII);
    static final UUID REVIEWER = UUID.fromString("3f1c2a9e-0b7d-4c55-9d61-2f0a8e4b7c10");
    static final UUID OTHER_REVIEWER = UUID.fromString("8a0e4b7c-1f3c-4a9e-8b7d-0c552f0a9d61");

    @Test
    void aReferenceIsAVersion8UuidWithoutTheProposalIdsTime() {
        UUID proposal = UUID.fromString("019ae0a1-7c00-7abc-8def-0123456789ab");
        UUID ref = ReviewerRef.of(SECRET, REVIEWER, proposal);
        assertEquals(8, ref.version());
        assertEquals(2, ref.variant());
        assertNotEquals(proposal.getMostSignificantBits() >>> 16, ref.getMostSignificantBits() >>> 16);
    }

    @Test
    void theSameReviewerAndProposalGiveTheSameReferenceAndAnythingElseAnother() {
        UUID proposal = UUID.randomUUID();
        assertEquals(ReviewerRef.of(SECRET, REVIEWER, proposal), ReviewerRef.of(SECRET, REVIEWER, proposal));
        assertNotEquals(ReviewerRef.of(SECRET, REVIEWER, proposal), ReviewerRef.of(SECRET, OTHER_REVIEWER, proposal));
        assertNotEquals(ReviewerRef.of(SECRET, REVIEWER, proposal),
                ReviewerRef.of("another secret of 32 bytes .....".getBytes(StandardCharsets.US_ASCII), REVIEWER, proposal));
        // The two ids are not interchangeable.
        assertNotEquals(ReviewerRef.of(SECRET, REVIEWER, OTHER_REVIEWER), ReviewerRef.of(SECRET, OTHER_REVIEWER, REVIEWER));
    }

    @Test
    void referencesOfProposalsSubmittedInOrderAreNotInThatOrder() {
        List<UUID> refs = new ArrayList<>();
        long millis = 1_790_000_000_000L;
        for (int i = 0; i < 200; i++) {
            UUID v7 = new UUID(((millis + i * 1000L) << 16) | 0x7000L, 0x8000000000000000L | i);
            refs.add(ReviewerRef.of(SECRET, REVIEWER, v7));
        }
        assertEquals(200, new HashSet<>(refs).size());
        int ascending = 0;
        for (int i = 1; i < refs.size(); i++) {
            ascending += refs.get(i).toString().compareTo(refs.get(i - 1).toString()) > 0 ? 1 : 0;
        }
        // About half of neighbours ascend in a random order (deterministic here: a fixed secret); submission order is all.
        assertTrue(ascending > 60 && ascending < 140, "ascending neighbours: " + ascending);
    }
}
