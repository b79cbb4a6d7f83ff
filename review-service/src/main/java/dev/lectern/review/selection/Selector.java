package dev.lectern.review.selection;

import dev.lectern.review.ranking.RankedProposal;
import dev.lectern.review.ranking.Ranking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Proposes accept, waitlist or reject for every proposal of a ranking, against the program's capacity.
 *
 * <ol>
 *   <li>Pinned accepts take their places first, even beyond a capacity (the organizer decided; a warning says
 *       so). Pinned rejects are rejected; pinned waitlist entries go on their track's waitlist first.</li>
 *   <li>Then, from the top of the ranking, each proposal with enough reviews is accepted if its track, its format
 *       and every one of its speakers still have room. One that does not fit is skipped, not a stop: a lower
 *       proposal of a format with room may still be accepted.</li>
 *   <li>The proposals not accepted go, in ranking order, onto their track's waitlist while it has places; the
 *       rest are rejected. Proposals with too few reviews are reported as such, never decided.</li>
 * </ol>
 *
 * <p>Deterministic: the only order is the ranking's, whose tie rule is stated in
 * {@link dev.lectern.review.ranking.Ranker#order}.
 */
public final class Selector {

    private Selector() {
    }

    /**
     * @param speakers each proposal's opaque speaker keys, for the per-speaker cap; a proposal not in the map
     *                 counts against no speaker
     */
    public static Selection select(Ranking ranking, Map<String, Set<String>> speakers, SelectionRules rules) {
        List<RankedProposal> proposals = ranking.proposals();
        Seats seats = new Seats(rules);
        Map<String, ProposedDecision> decided = new HashMap<>();
        List<String> warnings = new ArrayList<>();

        for (RankedProposal p : proposals) {
            Pin pin = rules.pins().get(p.proposalId());
            if (pin == Pin.ACCEPT) {
                Reason blocker = seats.blocker(p.track(), p.format(), speakersOf(speakers, p));
                if (blocker != null) {
                    warnings.add("pinned accept of " + p.proposalId() + " goes beyond a capacity: " + blocker);
                }
                seats.take(p.track(), p.format(), speakersOf(speakers, p));
                decided.put(p.proposalId(), decision(p, Outcome.ACCEPT, Reason.PINNED, null, true));
            } else if (pin == Pin.REJECT) {
                decided.put(p.proposalId(), decision(p, Outcome.REJECT, Reason.PINNED, null, true));
            }
        }

        Map<String, Reason> leftOff = new HashMap<>();
        for (RankedProposal p : proposals) {
            if (decided.containsKey(p.proposalId()) || rules.pins().containsKey(p.proposalId())) {
                continue;
            }
            if (p.reviewCount() < rules.requiredReviews()) {
                decided.put(p.proposalId(), decision(p, Outcome.TOO_FEW_REVIEWS, Reason.TOO_FEW_REVIEWS, null, false));
                continue;
            }
            Set<String> its = speakersOf(speakers, p);
            Reason blocker = seats.blocker(p.track(), p.format(), its);
            if (blocker == null) {
                seats.take(p.track(), p.format(), its);
                decided.put(p.proposalId(), decision(p, Outcome.ACCEPT, Reason.FITS, null, false));
            } else {
                leftOff.put(p.proposalId(), blocker);
            }
        }

        // Pinned entries first, then the best of the rest; each waitlist ends up in ranking order.
        Map<String, Integer> places = new HashMap<>();
        Map<String, Set<Integer>> waitlisted = new HashMap<>();
        for (int i = 0; i < proposals.size(); i++) {
            RankedProposal p = proposals.get(i);
            if (rules.pins().get(p.proposalId()) == Pin.WAITLIST) {
                places.merge(p.track(), 1, Integer::sum);
                waitlisted.computeIfAbsent(p.track(), t -> new TreeSet<>()).add(i);
            }
        }
        for (int i = 0; i < proposals.size(); i++) {
            RankedProposal p = proposals.get(i);
            Reason blocker = leftOff.get(p.proposalId());
            if (blocker == null) {
                continue;
            }
            if (places.getOrDefault(p.track(), 0) < waitlistLength(rules, seats, p.track())) {
                places.merge(p.track(), 1, Integer::sum);
                waitlisted.computeIfAbsent(p.track(), t -> new TreeSet<>()).add(i);
            } else {
                decided.put(p.proposalId(), decision(p, Outcome.REJECT, Reason.WAITLIST_FULL, null, false));
            }
        }
        Map<String, List<String>> waitlists = new LinkedHashMap<>();
        waitlisted.forEach((track, indexes) -> {
            List<String> order = new ArrayList<>();
            for (int index : indexes) {
                RankedProposal p = proposals.get(index);
                order.add(p.proposalId());
                boolean pinned = rules.pins().get(p.proposalId()) == Pin.WAITLIST;
                decided.put(p.proposalId(), decision(p, Outcome.WAITLIST,
                        pinned ? Reason.PINNED : leftOff.get(p.proposalId()), order.size(), pinned));
            }
            waitlists.put(track, order);
        });

        List<ProposedDecision> decisions = new ArrayList<>(proposals.size());
        Set<String> trackNames = new TreeSet<>(rules.trackCapacity().keySet());
        Set<String> formatNames = new TreeSet<>(rules.formatCapacity().keySet());
        for (RankedProposal p : proposals) {
            decisions.add(decided.get(p.proposalId()));
            trackNames.add(p.track());
            formatNames.add(p.format());
        }
        Map<String, Usage> tracks = new LinkedHashMap<>();
        for (String track : trackNames) {
            tracks.put(track, new Usage(seats.acceptedInTrack(track), rules.trackCapacity().get(track)));
        }
        Map<String, Usage> formats = new LinkedHashMap<>();
        for (String format : formatNames) {
            formats.put(format, new Usage(seats.acceptedInFormat(format), rules.formatCapacity().get(format)));
        }
        if (!rules.trackCapacity().isEmpty()) {
            tracks.forEach((track, usage) -> {
                if (usage.capacity() == null) {
                    warnings.add("track " + track + " has no capacity: not limited by track");
                }
            });
        }
        if (!rules.formatCapacity().isEmpty()) {
            formats.forEach((format, usage) -> {
                if (usage.capacity() == null) {
                    warnings.add("format " + format + " has no capacity: not limited by format");
                }
            });
        }
        return new Selection(decisions, waitlists, tracks, formats, warnings);
    }

    private static int waitlistLength(SelectionRules rules, Seats seats, String track) {
        if (rules.waitlistLength() != null) {
            return rules.waitlistLength();
        }
        Integer capacity = rules.trackCapacity().get(track);
        return capacity != null ? capacity : seats.acceptedInTrack(track);
    }

    private static Set<String> speakersOf(Map<String, Set<String>> speakers, RankedProposal p) {
        return speakers.getOrDefault(p.proposalId(), Set.of());
    }

    private static ProposedDecision decision(RankedProposal p, Outcome outcome, Reason reason, Integer waitlistPosition,
                                             boolean pinned) {
        return new ProposedDecision(p.proposalId(), p.track(), p.format(), outcome, reason, p.rank(), p.rankInTrack(),
                waitlistPosition, pinned, p.reviewCount());
    }
}
