package dev.lectern.submission.proposal;

import dev.lectern.platform.problem.FieldError;
import dev.lectern.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Where a page of an event's proposals ends, in the list's order (createdAt, id). Opaque to clients;
 * a position, not an offset, so proposals submitted while someone pages neither repeat nor go missing.
 */
record ProposalCursor(Instant createdAt, UUID id) {

    String encode() {
        String raw = createdAt.getEpochSecond() + "." + createdAt.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static ProposalCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\.", 3);
            Instant createdAt = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            return new ProposalCursor(createdAt, UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw new ProblemException(400, "validation-failed", List.of(new FieldError("cursor", "invalid", null)));
        }
    }
}
