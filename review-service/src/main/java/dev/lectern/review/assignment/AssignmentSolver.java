package dev.lectern.review.assignment;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Automatic assignment of reviewers to proposals: a greedy with explicit costs, then a repair pass and a
 * balance pass. Plain Java, no framework types, deterministic for the same input.
 *
 * <p>HotCRP solves this as a min-cost flow. With 5,000 proposals and 300 reviewers that graph has 1.5M
 * edges and 15,000 units of flow, too slow for successive shortest paths on two cores; the greedy below
 * keeps the same hard constraints and states its costs instead:
 *
 * <ol>
 *   <li>Hard: never a conflicted pair ({@link Conflicts}), never twice the same pair, never over a
 *       reviewer's maximum. Existing assignments are kept and count towards loads and reviews wanted.</li>
 *   <li>Balance: a water level {@code L} is the lowest load at which the reviewers can hold all reviews
 *       wanted; every reviewer may take reviews up to {@code L - 1} (or their maximum), and only as many
 *       reviewers as needed go up to {@code L}. Staying within that quota is the first cost.</li>
 *   <li>Expertise: a reviewer whose tracks include the proposal's track is the second cost.</li>
 *   <li>Least loaded, then lowest reviewer id: the third cost and the tie-break.</li>
 * </ol>
 *
 * <p>Proposals are served most-constrained first (fewest reviewers who could take them, then id), one
 * review per proposal per round, so the hardest proposals choose before capacity runs out. A repair pass
 * then fills what is still missing by moving one of a full reviewer's new assignments to someone with
 * room; a balance pass moves new assignments from the most to the least loaded reviewer while they differ
 * by two or more. What still cannot be filled is reported with its reason.
 */
public final class AssignmentSolver {

    /** A proposal in the pool: its id, track and speakers. */
    public record ProposalInput(String id, String track, List<Conflicts.Speaker> speakers) {
    }

    /** A reviewer: {@code conflicts} are declared ones (emails of people, names of organisations). */
    public record ReviewerInput(String id, String subject, String email, String affiliation, Set<String> tracks,
                                int maxAssignments, List<String> conflicts) {
    }

    /** An assignment that exists already; it is kept. */
    public record Pair(String proposalId, String reviewerId) {
    }

    public record Input(List<ProposalInput> proposals, List<ReviewerInput> reviewers, List<Pair> existing,
                        int reviewsPerProposal) {
    }

    public record Created(String proposalId, String reviewerId, boolean expertise) {
    }

    /** Why a proposal is short of reviews. */
    public enum Reason {
        /** There are not enough reviewers: every one who can review at all is on the proposal already. */
        TOO_FEW_REVIEWERS,
        /** Every reviewer not yet on the proposal has a conflict with it. */
        ALL_CONFLICTED,
        /** Every reviewer without a conflict is at their maximum. */
        ALL_FULL,
        /** Every other reviewer is either conflicted or at their maximum. */
        CONFLICTED_OR_FULL
    }

    public record Shortfall(String proposalId, int missing, Reason reason, int conflictedReviewers,
                            int fullReviewers) {
    }

    /** An existing assignment that is now a conflict (a speaker changed their details): kept, but reported. */
    public record ExistingConflict(String proposalId, String reviewerId, Conflicts.Kind kind) {
    }

    /**
     * @param loads every reviewer's active assignments after the run, by reviewer id
     */
    public record Result(List<Created> created, Map<String, Integer> loads, List<Shortfall> shortfalls,
                         List<ExistingConflict> existingConflicts) {
    }

    private AssignmentSolver() {
    }

    public static Result solve(Input input) {
        return new Run(input).solve();
    }

    /** The mutable state of one run, indexed by position in the id-sorted inputs. */
    private static final class Run {
        final int k;
        final List<ProposalInput> proposals;
        final List<ReviewerInput> reviewers;
        final int p;
        final int r;
        final int[] max;
        final int[] load;
        final BitSet[] onProposal;
        final BitSet[] conflicted;
        final BitSet[] expert;
        final int[] missing;
        /** Per reviewer, the proposals of the assignments this run created (the only ones it may move). */
        final List<List<Integer>> createdBy;
        final List<ExistingConflict> existingConflicts = new ArrayList<>();
        int level;
        int extras;

        Run(Input input) {
            k = Math.max(0, input.reviewsPerProposal());
            proposals = distinctSorted(input.proposals(), ProposalInput::id);
            reviewers = distinctSorted(input.reviewers(), ReviewerInput::id);
            p = proposals.size();
            r = reviewers.size();
            max = new int[r];
            load = new int[r];
            onProposal = new BitSet[p];
            conflicted = new BitSet[p];
            expert = new BitSet[p];
            missing = new int[p];
            createdBy = new ArrayList<>(r);
            Map<String, Integer> reviewerIndex = new HashMap<>();
            Map<String, BitSet> expertsByTrack = new HashMap<>();
            List<Conflicts.ReviewerKeys> keys = new ArrayList<>(r);
            for (int j = 0; j < r; j++) {
                ReviewerInput reviewer = reviewers.get(j);
                reviewerIndex.put(reviewer.id(), j);
                max[j] = Math.max(0, reviewer.maxAssignments());
                createdBy.add(new ArrayList<>());
                keys.add(Conflicts.ReviewerKeys.of(reviewer.subject(), reviewer.email(), reviewer.affiliation(),
                        reviewer.conflicts()));
                for (String track : reviewer.tracks() == null ? Set.<String>of() : reviewer.tracks()) {
                    expertsByTrack.computeIfAbsent(track, t -> new BitSet(r)).set(j);
                }
            }
            Map<String, Integer> proposalIndex = new HashMap<>();
            for (int i = 0; i < p; i++) {
                ProposalInput proposal = proposals.get(i);
                proposalIndex.put(proposal.id(), i);
                onProposal[i] = new BitSet(r);
                conflicted[i] = new BitSet(r);
                expert[i] = expertsByTrack.getOrDefault(proposal.track(), new BitSet(r));
                Conflicts.SpeakerKeys speakers = Conflicts.SpeakerKeys.of(
                        proposal.speakers() == null ? List.of() : proposal.speakers());
                for (int j = 0; j < r; j++) {
                    if (Conflicts.find(keys.get(j), speakers) != null) {
                        conflicted[i].set(j);
                    }
                }
            }
            for (Pair pair : input.existing() == null ? List.<Pair>of() : input.existing()) {
                Integer j = reviewerIndex.get(pair.reviewerId());
                if (j == null) {
                    continue;
                }
                Integer i = proposalIndex.get(pair.proposalId());
                if (i != null && onProposal[i].get(j)) {
                    continue;
                }
                load[j]++;
                if (i != null) {
                    onProposal[i].set(j);
                    if (conflicted[i].get(j)) {
                        existingConflicts.add(new ExistingConflict(pair.proposalId(), pair.reviewerId(),
                                Conflicts.find(keys.get(j), Conflicts.SpeakerKeys.of(proposals.get(i).speakers()))));
                    }
                }
            }
            for (int i = 0; i < p; i++) {
                missing[i] = Math.max(0, k - onProposal[i].cardinality());
            }
        }

        Result solve() {
            setLevel();
            int[] wanted = missing.clone();
            List<Integer> order = new ArrayList<>();
            int[] candidates = new int[p];
            for (int i = 0; i < p; i++) {
                if (missing[i] > 0) {
                    order.add(i);
                    for (int j = 0; j < r; j++) {
                        if (max[j] > 0 && !conflicted[i].get(j) && !onProposal[i].get(j)) {
                            candidates[i]++;
                        }
                    }
                }
            }
            // Most constrained first; ids break ties (the lists are id-sorted, so the index is the id order).
            order.sort(Comparator.<Integer>comparingInt(i -> candidates[i]).thenComparingInt(i -> i));
            for (int round = 0; round < k; round++) {
                for (int i : order) {
                    if (round < wanted[i] && missing[i] > 0) {
                        int best = pick(i);
                        if (best >= 0) {
                            assign(i, best);
                        }
                    }
                }
            }
            repair();
            balance();
            return result();
        }

        /** The water level: the lowest load at which everyone's room holds all reviews wanted. */
        private void setLevel() {
            long demand = 0;
            for (int m : missing) {
                demand += m;
            }
            int highest = 0;
            for (int j = 0; j < r; j++) {
                highest = Math.max(highest, Math.max(max[j], load[j]));
            }
            level = highest + 1;
            for (int l = 0; l <= highest; l++) {
                if (room(l) >= demand) {
                    level = l;
                    break;
                }
            }
            extras = (int) Math.max(0, demand - room(level - 1));
        }

        private long room(int l) {
            long room = 0;
            for (int j = 0; j < r; j++) {
                room += Math.max(0, Math.min(max[j], l) - load[j]);
            }
            return room;
        }

        private boolean withinQuota(int j) {
            if (load[j] < Math.min(max[j], level - 1)) {
                return true;
            }
            return load[j] == level - 1 && max[j] >= level && extras > 0;
        }

        /** The reviewer with the lowest cost for proposal i: (outside quota, not expert, load, id); -1 if none. */
        private int pick(int i) {
            int best = -1;
            long bestCost = Long.MAX_VALUE;
            for (int j = 0; j < r; j++) {
                if (load[j] >= max[j] || conflicted[i].get(j) || onProposal[i].get(j)) {
                    continue;
                }
                long cost = (withinQuota(j) ? 0L : 1L << 40) + (expert[i].get(j) ? 0L : 1L << 30)
                        + ((long) load[j] << 12) + j;
                if (cost < bestCost) {
                    bestCost = cost;
                    best = j;
                }
            }
            return best;
        }

        private void assign(int i, int j) {
            if (load[j] == level - 1 && max[j] >= level && extras > 0) {
                extras--;
            }
            load[j]++;
            onProposal[i].set(j);
            missing[i]--;
            createdBy.get(j).add(i);
        }

        private boolean eligible(int i, int j) {
            return !conflicted[i].get(j) && !onProposal[i].get(j);
        }

        /**
         * Fills what is missing by one move: a full reviewer {@code j} who could take proposal {@code i} hands
         * one of the proposals this run gave them to a reviewer with room, then takes {@code i}.
         */
        private void repair() {
            boolean progress = true;
            while (progress) {
                progress = false;
                for (int i = 0; i < p; i++) {
                    while (missing[i] > 0 && repairOne(i)) {
                        progress = true;
                    }
                }
            }
        }

        private boolean repairOne(int i) {
            for (int j = 0; j < r; j++) {
                if (!eligible(i, j) || load[j] < max[j]) {
                    continue;
                }
                List<Integer> given = createdBy.get(j);
                for (int g = 0; g < given.size(); g++) {
                    int q = given.get(g);
                    int s = leastLoadedWithRoom(q, j);
                    if (s >= 0) {
                        move(q, j, s, g);
                        load[j]--;
                        assign(i, j);
                        return true;
                    }
                }
            }
            return false;
        }

        private int leastLoadedWithRoom(int q, int except) {
            int best = -1;
            for (int s = 0; s < r; s++) {
                if (s != except && load[s] < max[s] && eligible(q, s)
                        && (best < 0 || load[s] < load[best])) {
                    best = s;
                }
            }
            return best;
        }

        /** Moves the g-th new assignment of reviewer j (on proposal q) to reviewer s; the caller fixes j's load. */
        private void move(int q, int j, int s, int g) {
            createdBy.get(j).remove(g);
            onProposal[q].clear(j);
            onProposal[q].set(s);
            createdBy.get(s).add(q);
            load[s]++;
        }

        /**
         * While a reviewer has two or more reviews more than another reviewer with room, moves one of the
         * former's new assignments to the latter, keeping expertise where a choice exists.
         */
        private void balance() {
            Integer[] byLoad = new Integer[r];
            for (int guard = 0; guard < 4 * (p * k + r) + 16; guard++) {
                for (int j = 0; j < r; j++) {
                    byLoad[j] = j;
                }
                java.util.Arrays.sort(byLoad, Comparator.<Integer>comparingInt(j -> load[j]).thenComparingInt(j -> j));
                if (!balanceOnce(byLoad)) {
                    return;
                }
            }
        }

        private boolean balanceOnce(Integer[] byLoad) {
            for (int hiPos = r - 1; hiPos >= 0; hiPos--) {
                int hi = byLoad[hiPos];
                if (createdBy.get(hi).isEmpty()) {
                    continue;
                }
                for (int loPos = 0; loPos < hiPos; loPos++) {
                    int lo = byLoad[loPos];
                    if (load[hi] - load[lo] < 2) {
                        break;
                    }
                    if (load[lo] >= max[lo]) {
                        continue;
                    }
                    int chosen = -1;
                    List<Integer> given = createdBy.get(hi);
                    for (int g = 0; g < given.size(); g++) {
                        int q = given.get(g);
                        if (!eligible(q, lo)) {
                            continue;
                        }
                        boolean keepsExpertise = expert[q].get(lo) || !expert[q].get(hi);
                        if (keepsExpertise) {
                            chosen = g;
                            break;
                        }
                        if (chosen < 0) {
                            chosen = g;
                        }
                    }
                    if (chosen >= 0) {
                        move(given.get(chosen), hi, lo, chosen);
                        load[hi]--;
                        return true;
                    }
                }
            }
            return false;
        }

        private Result result() {
            List<Created> created = new ArrayList<>();
            for (int j = 0; j < r; j++) {
                for (int i : createdBy.get(j)) {
                    created.add(new Created(proposals.get(i).id(), reviewers.get(j).id(), expert[i].get(j)));
                }
            }
            created.sort(Comparator.comparing(Created::proposalId).thenComparing(Created::reviewerId));
            Map<String, Integer> loads = new TreeMap<>();
            for (int j = 0; j < r; j++) {
                loads.put(reviewers.get(j).id(), load[j]);
            }
            List<Shortfall> shortfalls = new ArrayList<>();
            for (int i = 0; i < p; i++) {
                if (missing[i] > 0) {
                    shortfalls.add(shortfall(i));
                }
            }
            existingConflicts.sort(Comparator.comparing(ExistingConflict::proposalId)
                    .thenComparing(ExistingConflict::reviewerId));
            return new Result(List.copyOf(created), loads, List.copyOf(shortfalls), List.copyOf(existingConflicts));
        }

        private Shortfall shortfall(int i) {
            int others = 0;
            int conflictedCount = 0;
            int full = 0;
            for (int j = 0; j < r; j++) {
                if (onProposal[i].get(j) || max[j] == 0) {
                    continue;
                }
                others++;
                if (conflicted[i].get(j)) {
                    conflictedCount++;
                } else if (load[j] >= max[j]) {
                    full++;
                }
            }
            Reason reason;
            if (others == 0) {
                reason = Reason.TOO_FEW_REVIEWERS;
            } else if (conflictedCount == others) {
                reason = Reason.ALL_CONFLICTED;
            } else if (conflictedCount == 0) {
                reason = Reason.ALL_FULL;
            } else {
                reason = Reason.CONFLICTED_OR_FULL;
            }
            return new Shortfall(proposals.get(i).id(), missing[i], reason, conflictedCount, full);
        }
    }

    private static <T> List<T> distinctSorted(List<T> items, java.util.function.Function<T, String> id) {
        Map<String, T> byId = new TreeMap<>();
        for (T item : items == null ? List.<T>of() : items) {
            byId.putIfAbsent(id.apply(item), item);
        }
        return new ArrayList<>(byId.values());
    }
}
