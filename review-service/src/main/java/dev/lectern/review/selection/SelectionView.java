package dev.lectern.review.selection;

import dev.lectern.review.decision.DecisionService;

import java.util.List;
import java.util.Map;

/**
 * What a selection run proposes and what it stored: a decision per proposal in ranking order, each track's
 * waitlist in promotion order, the capacities used, warnings to look at, and what publishing now would change
 * (per proposal: its status now and the decision that would be sent). No speaker appears.
 */
public record SelectionView(String event, String key, List<Line> decisions, Map<String, List<String>> waitlists,
                            Map<String, Usage> tracks, Map<String, Usage> formats, List<String> warnings,
                            DecisionService.Stored stored, List<DecisionService.Change> changes) {

    public record Line(String proposalId, String title, String track, String format, Outcome outcome, Reason reason,
                       Integer rank, Integer rankInTrack, Integer waitlistPosition, boolean pinned, int reviewCount) {
    }
}
