package dev.lectern.submission.proposal;

import java.util.List;

/** One page of a list; {@code nextCursor} fetches the next one and is null on the last page. */
public record ProposalPage(List<ProposalView> items, String nextCursor) {
}
