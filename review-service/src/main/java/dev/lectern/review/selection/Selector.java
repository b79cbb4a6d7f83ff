package dev.lectern.review.selection;

import dev.lectern.review.projection.ProposalStatus;
import dev.lectern.review.ranking.RankedProposal;
import dev.lectern.review.ranking.Ranking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Proposes accept, waitlist or reject for every proposal of a ranking, against the program's capacity, starting
 * from what is already true ({@link Standing}: the status submission-service applied). The passes, in order:
 *
 * <ol>
 *   <li>{@link Run#fixed}: confirmed proposals keep their places; no pin moves them (the lifecycle would refuse it:
 *       a warning says so).</li>
 *   <li>{@link Run#pinned}: pinned accepts take their places, even beyond a capacity (the organizer decided; a
 *       warning says so). Pinned rejects are rejected; pinned waitlist entries are waitlisted first.</li>
 *   <li>{@link Run#kept}: acceptances not yet answered keep their places: a re-run never takes an offer back by
 *       itself (a warning names a track or format now over its capacity).</li>
 *   <li>{@link Run#fromWaitlist}: new or freed places go to the waitlisted proposals first, in waitlist order.</li>
 *   <li>{@link Run#fromRanking}: then, from the top of the ranking, each proposal with enough reviews is accepted
 *       if its track, its format and every one of its speakers still have room. One that does not fit is skipped,
 *       not a stop: a lower proposal of a format with room may still be accepted.</li>
 *   <li>{@link Run#waitlists}: the proposals not accepted go onto their track's waitlist while it has places:
 *       pinned entries first, then those already waitlisted (in their order), then the rest in ranking order; the
 *       rest are rejected. Proposals with too few reviews are reported as such, never decided.</li>
 * </ol>
 *
 * <p>On a first run every proposal is in review and the passes 1, 3 and 4 do nothing. Deterministic: the only
 * orders are the ranking's, whose tie rule is stated in {@link dev.lectern.review.ranking.Ranker#order}, and the
 * waitlist's.
 */
public final class Selector {

    private Selector() {
    }

    /** A first run: every proposal is in review. */
    public static Selection select(Ranking ranking, Map<String, Set<String>> speakers, SelectionRules rules) {
        return select(ranking, speakers, rules, Map.of());
    }

    /**
     * @param speakers each proposal's opaque speaker keys, for the per-speaker cap; a proposal not in the map
     *                 counts against no speaker
     * @param standing what is already true of each proposal; one not in the map is in review
     */
    public static Selection select(Ranking ranking, Map<String, Set<String>> speakers, SelectionRules rules,
                                   Map<String, Standing> standing) {
        Run run = new Run(ranking.proposals(), speakers, rules, standing);
        run.fixed();
        run.pinned();
        run.kept();
        run.fromWaitlist();
        run.fromRanking();
        run.waitlists();
        return run.selection();
    }

    /** One selection run's state as its passes fill it. */
    private static final class Run {
        private final List<RankedProposal> proposals;
        private final Map<String, Set<String>> speakers;
        private final SelectionRules rules;
        private final Map<String, Standing> standing;
        private final Seats seats;
        private final Map<String, ProposedDecision> decided = new HashMap<>();
        /** Not accepted, with what kept each off: candidates for the waitlist. */
        private final Map<String, Reason> leftOff = new HashMap<>();
        private final Map<String, List<String>> waitlists = new LinkedHashMap<>();
        private final List<String> warnings = new ArrayList<>();

        Run(List<RankedProposal> proposals, Map<String, Set<String>> speakers, SelectionRules rules,
            Map<String, Standing> standing) {
            this.speakers = speakers;
            this.rules = rules;
            this.standing = standing;
            // A declined or withdrawn proposal is not part of the program any more (the ranking leaves it out too).
            this.proposals = proposals.stream().filter(p -> status(p).ranked()).toList();
            this.seats = new Seats(rules);
        }

        void fixed() {
            for (RankedProposal p : proposals) {
                ProposalStatus status = status(p);
                if (!status.finalForSelection()) {
                    continue;
                }
                Pin pin = rules.pins().get(p.proposalId());
                if (pin != null && pin != Pin.ACCEPT) {
                    warnings.add("pin " + pin + " of " + p.proposalId() + " ignored: it is " + status
                            + ", final for selection");
                }
                if (status.holdsPlace()) {
                    seats.take(p.track(), p.format(), speakersOf(p));
                    decided.put(p.proposalId(), decision(p, Outcome.ACCEPT, Reason.CONFIRMED, null, false));
                }
            }
        }

        void pinned() {
            for (RankedProposal p : undecided()) {
                Pin pin = rules.pins().get(p.proposalId());
                if (pin == Pin.ACCEPT) {
                    Reason blocker = seats.blocker(p.track(), p.format(), speakersOf(p));
                    if (blocker != null && status(p) != ProposalStatus.ACCEPTED) {
                        warnings.add("pinned accept of " + p.proposalId() + " goes beyond a capacity: " + blocker);
                    }
                    seats.take(p.track(), p.format(), speakersOf(p));
                    decided.put(p.proposalId(), decision(p, Outcome.ACCEPT, Reason.PINNED, null, true));
                } else if (pin == Pin.REJECT) {
                    decided.put(p.proposalId(), decision(p, Outcome.REJECT, Reason.PINNED, null, true));
                }
            }
        }

        void kept() {
            for (RankedProposal p : undecided()) {
                if (pinnedOrDecided(p) || status(p) != ProposalStatus.ACCEPTED) {
                    continue;
                }
                Reason blocker = seats.blocker(p.track(), p.format(), speakersOf(p));
                if (blocker != null) {
                    warnings.add("accepted " + p.proposalId() + " is kept beyond a capacity (" + blocker
                            + "): a re-run does not take an offer back; pin REJECT or WAITLIST to do so");
                }
                seats.take(p.track(), p.format(), speakersOf(p));
                decided.put(p.proposalId(), decision(p, Outcome.ACCEPT, Reason.KEPT, null, false));
            }
        }

        void fromWaitlist() {
            for (RankedProposal p : waitlistOrder(undecided().stream()
                    .filter(p -> !pinnedOrDecided(p) && status(p) == ProposalStatus.WAITLISTED).toList())) {
                Set<String> its = speakersOf(p);
                Reason blocker = seats.blocker(p.track(), p.format(), its);
                if (blocker == null) {
                    seats.take(p.track(), p.format(), its);
                    decided.put(p.proposalId(), decision(p, Outcome.ACCEPT, Reason.FROM_WAITLIST, null, false));
                } else {
                    leftOff.put(p.proposalId(), blocker);
                }
            }
        }

        void fromRanking() {
            for (RankedProposal p : undecided()) {
                if (pinnedOrDecided(p) || leftOff.containsKey(p.proposalId())) {
                    continue;
                }
                if (p.reviewCount() < rules.requiredReviews()) {
                    decided.put(p.proposalId(), decision(p, Outcome.TOO_FEW_REVIEWS, Reason.TOO_FEW_REVIEWS, null, false));
                    continue;
                }
                Set<String> its = speakersOf(p);
                Reason blocker = seats.blocker(p.track(), p.format(), its);
                if (blocker == null) {
                    seats.take(p.track(), p.format(), its);
                    decided.put(p.proposalId(), decision(p, Outcome.ACCEPT, Reason.FITS, null, false));
                } else {
                    leftOff.put(p.proposalId(), blocker);
                }
            }
        }

        void waitlists() {
            Map<String, Integer> places = new HashMap<>();
            Map<String, List<RankedProposal>> entries = new HashMap<>();
            List<RankedProposal> pinned = new ArrayList<>();
            List<RankedProposal> waiting = new ArrayList<>();
            List<RankedProposal> others = new ArrayList<>();
            for (RankedProposal p : proposals) {
                if (decided.containsKey(p.proposalId())) {
                    continue;
                }
                if (rules.pins().get(p.proposalId()) == Pin.WAITLIST) {
                    pinned.add(p);
                } else if (leftOff.containsKey(p.proposalId())) {
                    (status(p) == ProposalStatus.WAITLISTED ? waiting : others).add(p);
                }
            }
            // Places: pinned entries first, then those already waitlisted, then the best of the rest.
            List<RankedProposal> byClaim = new ArrayList<>(pinned);
            byClaim.addAll(waitlistOrder(waiting));
            byClaim.addAll(others);
            for (RankedProposal p : byClaim) {
                boolean pin = rules.pins().get(p.proposalId()) == Pin.WAITLIST;
                if (pin || places.getOrDefault(p.track(), 0) < waitlistLength(p.track())) {
                    places.merge(p.track(), 1, Integer::sum);
                    entries.computeIfAbsent(p.track(), t -> new ArrayList<>()).add(p);
                } else {
                    decided.put(p.proposalId(), decision(p, Outcome.REJECT, Reason.WAITLIST_FULL, null, false));
                }
            }
            // Order: those already waitlisted keep theirs, ahead of the new entries, which follow in ranking order.
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < proposals.size(); i++) {
                index.put(proposals.get(i).proposalId(), i);
            }
            List<RankedProposal> alreadyWaiting = waitlistOrder(waiting);
            new TreeSet<>(entries.keySet()).forEach(track -> {
                List<RankedProposal> inTrack = new ArrayList<>(entries.get(track));
                inTrack.sort(Comparator.comparingInt((RankedProposal p) -> {
                    int at = alreadyWaiting.indexOf(p);
                    return at >= 0 && rules.pins().get(p.proposalId()) != Pin.WAITLIST ? at : Integer.MAX_VALUE;
                }).thenComparingInt(p -> index.get(p.proposalId())));
                List<String> order = new ArrayList<>();
                for (RankedProposal p : inTrack) {
                    order.add(p.proposalId());
                    boolean pin = rules.pins().get(p.proposalId()) == Pin.WAITLIST;
                    decided.put(p.proposalId(), decision(p, Outcome.WAITLIST,
                            pin ? Reason.PINNED : leftOff.get(p.proposalId()), order.size(), pin));
                }
                waitlists.put(track, order);
            });
        }

        Selection selection() {
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

        private List<RankedProposal> undecided() {
            return proposals.stream().filter(p -> !decided.containsKey(p.proposalId())).toList();
        }

        private boolean pinnedOrDecided(RankedProposal p) {
            return decided.containsKey(p.proposalId()) || rules.pins().containsKey(p.proposalId());
        }

        /** Waitlisted proposals by their place on the waitlist; those without one after, in ranking order. */
        private List<RankedProposal> waitlistOrder(List<RankedProposal> waitlisted) {
            List<RankedProposal> sorted = new ArrayList<>(waitlisted);
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < proposals.size(); i++) {
                index.put(proposals.get(i).proposalId(), i);
            }
            sorted.sort(Comparator.comparing((RankedProposal p) -> standingOf(p).waitlistPosition(),
                    Comparator.nullsLast(Comparator.naturalOrder())).thenComparingInt(p -> index.get(p.proposalId())));
            return sorted;
        }

        private int waitlistLength(String track) {
            if (rules.waitlistLength() != null) {
                return rules.waitlistLength();
            }
            Integer capacity = rules.trackCapacity().get(track);
            return capacity != null ? capacity : seats.acceptedInTrack(track);
        }

        private Standing standingOf(RankedProposal p) {
            return standing.getOrDefault(p.proposalId(), Standing.IN_REVIEW);
        }

        private ProposalStatus status(RankedProposal p) {
            return standingOf(p).status();
        }

        private Set<String> speakersOf(RankedProposal p) {
            return speakers.getOrDefault(p.proposalId(), Set.of());
        }
    }

    private static ProposedDecision decision(RankedProposal p, Outcome outcome, Reason reason, Integer waitlistPosition,
                                             boolean pinned) {
        return new ProposedDecision(p.proposalId(), p.track(), p.format(), outcome, reason, p.rank(), p.rankInTrack(),
                waitlistPosition, pinned, p.reviewCount());
    }
}
