package dev.lectern.review.selection;

import java.util.List;
import java.util.Map;

/**
 * Proposed decisions for every proposal of the ranking, in ranking order, with each track's waitlist in
 * promotion order and what the accepted proposals use of each capacity. Warnings name what an organizer
 * should look at: pins that exceed a capacity, tracks or formats with no capacity.
 */
public record Selection(List<ProposedDecision> decisions, Map<String, List<String>> waitlists,
                        Map<String, Usage> tracks, Map<String, Usage> formats, List<String> warnings) {

    public Selection {
        decisions = List.copyOf(decisions);
        waitlists = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(waitlists));
        tracks = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tracks));
        formats = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(formats));
        warnings = List.copyOf(warnings);
    }

    public List<ProposedDecision> with(Outcome outcome) {
        return decisions.stream().filter(d -> d.outcome() == outcome).toList();
    }
}
