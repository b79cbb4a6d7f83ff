package dev.lectern.submission.proposal;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.lectern.submission.proposal.ProposalStatus.ACCEPTED;
import static dev.lectern.submission.proposal.ProposalStatus.CONFIRMED;
import static dev.lectern.submission.proposal.ProposalStatus.DECLINED;
import static dev.lectern.submission.proposal.ProposalStatus.DRAFT;
import static dev.lectern.submission.proposal.ProposalStatus.REJECTED;
import static dev.lectern.submission.proposal.ProposalStatus.SUBMITTED;
import static dev.lectern.submission.proposal.ProposalStatus.WAITLISTED;
import static dev.lectern.submission.proposal.ProposalStatus.WITHDRAWN;

/**
 * A proposal's life: every status, every allowed step, and the event each step emits. Anything that
 * changes a proposal's status asks {@link #next}; nothing else decides.
 *
 * <pre>
 *   DRAFT ──submit──▶ SUBMITTED ──accept / waitlist / reject──▶ ACCEPTED ◀──▶ WAITLISTED ◀──▶ REJECTED
 *     │                                                           │  (an organizer moves a proposal between
 *     │                                                           │   these three until its speaker answers)
 *     │                                                           ├──confirm──▶ CONFIRMED
 *     │                                                           └──decline / expire──▶ DECLINED
 *     └──withdraw (also from SUBMITTED, ACCEPTED, CONFIRMED)──▶ WITHDRAWN
 *   edit: DRAFT and SUBMITTED, status unchanged, while the CFP is open
 *   CONFIRMED, DECLINED and WITHDRAWN are final for selection: no decision changes them.
 * </pre>
 */
public final class ProposalLifecycle {

    /** What can happen to a proposal, with the word used in events and errors. */
    public enum Step {
        EDIT("updated"),
        SUBMIT("submitted"),
        WITHDRAW("withdrawn"),
        ACCEPT("decision-applied"),
        WAITLIST("decision-applied"),
        REJECT("decision-applied"),
        CONFIRM("confirmed"),
        DECLINE("declined"),
        /** An acceptance not confirmed by its respond-by time: declined, with the reason EXPIRED. */
        EXPIRE("declined");

        private final String event;

        Step(String event) {
            this.event = event;
        }

        /** The change named in the emitted event's type: {@code proposal.<event>.v1}. */
        public String event() {
            return event;
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private record Rule(Set<ProposalStatus> from, ProposalStatus to) {
    }

    private static final Map<Step, Rule> RULES = Map.of(
            Step.EDIT, new Rule(EnumSet.of(DRAFT, SUBMITTED), null),
            Step.SUBMIT, new Rule(EnumSet.of(DRAFT), SUBMITTED),
            Step.WITHDRAW, new Rule(EnumSet.of(DRAFT, SUBMITTED, ACCEPTED, CONFIRMED), WITHDRAWN),
            // Decisions: until a speaker answers, an organizer may move a proposal between the three outcomes.
            Step.ACCEPT, new Rule(EnumSet.of(SUBMITTED, WAITLISTED, REJECTED), ACCEPTED),
            Step.WAITLIST, new Rule(EnumSet.of(SUBMITTED, ACCEPTED, REJECTED), WAITLISTED),
            Step.REJECT, new Rule(EnumSet.of(SUBMITTED, ACCEPTED, WAITLISTED), REJECTED),
            Step.CONFIRM, new Rule(EnumSet.of(ACCEPTED), CONFIRMED),
            Step.DECLINE, new Rule(EnumSet.of(ACCEPTED), DECLINED),
            Step.EXPIRE, new Rule(EnumSet.of(ACCEPTED), DECLINED));

    private ProposalLifecycle() {
    }

    /** The status after {@code step}, or empty if the step is not allowed from {@code current}. */
    public static Optional<ProposalStatus> next(ProposalStatus current, Step step) {
        Rule rule = RULES.get(step);
        if (!rule.from().contains(current)) {
            return Optional.empty();
        }
        return Optional.of(rule.to() == null ? current : rule.to());
    }

    public static boolean allowed(ProposalStatus current, Step step) {
        return RULES.get(step).from().contains(current);
    }

    /** Whether {@code step} is a decision (from review or organizer tooling), not a speaker's step. */
    public static boolean isDecision(Step step) {
        return step == Step.ACCEPT || step == Step.WAITLIST || step == Step.REJECT;
    }

    /**
     * Whether the proposal already carries what {@code step} decides: a decision sent again changes nothing and
     * is not a refusal.
     */
    public static boolean carries(ProposalStatus current, Step step) {
        return isDecision(step) && RULES.get(step).to() == current;
    }

    /** CONFIRMED, DECLINED and WITHDRAWN: the speaker answered, and no decision changes the proposal any more. */
    public static boolean finalForSelection(ProposalStatus status) {
        return status == CONFIRMED || status == DECLINED || status == WITHDRAWN;
    }

    /** Statuses in which a proposal is in the review pool. */
    public static boolean underReview(ProposalStatus status) {
        return status == SUBMITTED;
    }

    /** Whether a speaker's step depends on the CFP being open (editing and submitting do). */
    public static boolean needsOpenCfp(Step step) {
        return step == Step.EDIT || step == Step.SUBMIT;
    }
}
