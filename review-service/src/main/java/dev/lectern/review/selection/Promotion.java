package dev.lectern.review.selection;

import dev.lectern.review.ranking.ProposalRef;

import java.util.List;
import java.util.Optional;

/**
 * When an accepted speaker declines or withdraws, the place goes to the first proposal on that track's
 * waitlist that fits the program as it now stands: its track (which just gained a place), its format and its
 * speakers. A waitlisted proposal of a full format is passed over, not dropped: it keeps its position.
 */
public final class Promotion {

    private Promotion() {
    }

    /**
     * @param holding  the proposals that hold a place (accepted or confirmed); the freed one, if listed, is ignored
     * @param freed    the proposal that gave its place up
     * @param waitlist the waitlist in position order; entries of other tracks than the freed one's are ignored
     * @return the proposal to accept, or empty if none fits
     */
    public static Optional<ProposalRef> promote(SelectionRules rules, List<ProposalRef> holding, ProposalRef freed,
                                                List<ProposalRef> waitlist) {
        Seats seats = new Seats(rules);
        for (ProposalRef p : holding) {
            if (!p.proposalId().equals(freed.proposalId())) {
                seats.take(p.track(), p.format(), p.speakerKeys());
            }
        }
        for (ProposalRef candidate : waitlist) {
            if (candidate.track().equals(freed.track())
                    && seats.blocker(candidate.track(), candidate.format(), candidate.speakerKeys()) == null) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
