package dev.lectern.review.projection;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A proposal's status as submission-service announces it on {@code cfp.proposals}. The statuses belong to
 * submission-service's lifecycle; what they mean for review, ranking and selection is said here, once, by the
 * named predicates. The decision rules ({@link #mayBecome}) are submission-service's table as docs/api.md
 * states it: selection never proposes a change that table would refuse.
 */
public enum ProposalStatus {
    DRAFT, SUBMITTED, WITHDRAWN, ACCEPTED, WAITLISTED, REJECTED, CONFIRMED, DECLINED;

    /** In the review pool: assignments and reviews are for these only. */
    public boolean inReview() {
        return this == SUBMITTED;
    }

    /** Ranked and selected: in review or decided with its speaker still on the program's side. */
    public boolean ranked() {
        return this == SUBMITTED || this == ACCEPTED || this == WAITLISTED || this == REJECTED || this == CONFIRMED;
    }

    /** Was submitted and not withdrawn: an organizer still works with its text (redaction). */
    public boolean submittedAndNotWithdrawn() {
        return ranked() || this == DECLINED;
    }

    /** Holds one of the program's places. */
    public boolean holdsPlace() {
        return this == ACCEPTED || this == CONFIRMED;
    }

    /** A change to this status gives up the place the proposal held (if it held one). */
    public boolean freesAPlace() {
        return this == WITHDRAWN || this == DECLINED;
    }

    /** May move up from the waitlist when a place is freed. */
    public boolean promotable() {
        return this == WAITLISTED;
    }

    /** The speaker answered (or withdrew): no decision changes the proposal any more. */
    public boolean finalForSelection() {
        return this == CONFIRMED || this == DECLINED || this == WITHDRAWN;
    }

    /** The decision this status is, if it is one. */
    public boolean isDecision() {
        return this == ACCEPTED || this == WAITLISTED || this == REJECTED;
    }

    /**
     * Whether submission-service's lifecycle lets a decision move a proposal from this status to {@code decided}
     * (ACCEPTED, WAITLISTED or REJECTED); a decision the proposal already carries is allowed (it changes nothing).
     */
    public boolean mayBecome(ProposalStatus decided) {
        if (!decided.isDecision()) {
            return false;
        }
        return this == SUBMITTED || isDecision();
    }

    /**
     * Whether a proposal in this status agrees with a published decision {@code decided}: it carries it, or its
     * speaker answered it since (confirmed or declined an acceptance, or withdrew).
     */
    public boolean agreesWith(ProposalStatus decided) {
        if (this == decided || this == WITHDRAWN) {
            return true;
        }
        return decided == ACCEPTED && (this == CONFIRMED || this == DECLINED);
    }

    public static ProposalStatus of(String name) {
        return valueOf(name);
    }

    public static boolean known(String name) {
        return Arrays.stream(values()).anyMatch(s -> s.name().equals(name));
    }

    /** The names of the statuses that satisfy {@code predicate}, for queries on the stored column. */
    public static Set<String> names(Predicate<ProposalStatus> predicate) {
        return EnumSet.allOf(ProposalStatus.class).stream().filter(predicate).map(Enum::name)
                .collect(Collectors.toUnmodifiableSet());
    }
}
