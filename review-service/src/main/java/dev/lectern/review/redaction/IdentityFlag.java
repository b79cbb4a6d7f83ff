package dev.lectern.review.redaction;

import java.util.List;

/**
 * A proposal whose reviewer-visible text names one of its own speakers, for an organizer to redact.
 * {@code matches} are found in what reviewers would see (the redaction if any); {@code redactionStale}
 * says the speaker edited the proposal after it was redacted. Each match says whether it is certain (masked for
 * reviewers) or uncertain (only flagged, for the organizer to judge).
 */
public record IdentityFlag(String proposalId, long version, String track, boolean redacted, boolean redactionStale,
                           List<IdentityScanner.Match> matches) {
}
