package dev.lectern.review.ranking;

import java.util.Objects;
import java.util.Set;

/**
 * A proposal as ranking and selection see it. Speakers are opaque keys (a normalised email, say): enough
 * to count a speaker's acceptances, nothing that names them.
 */
public record ProposalRef(String proposalId, String track, String format, Set<String> speakerKeys) {

    public ProposalRef {
        Objects.requireNonNull(proposalId, "proposalId");
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(format, "format");
        speakerKeys = speakerKeys == null ? Set.of() : Set.copyOf(speakerKeys);
    }
}
