package dev.lectern.review.security;

import dev.lectern.platform.security.Caller;

import dev.lectern.platform.problem.ProblemException;

/**
 * Who may do what in review-service: the one place it is decided.
 *
 * <pre>
 * | role      | resource                          | action               | condition                       |
 * |-----------|-----------------------------------|----------------------|---------------------------------|
 * | organizer | event's proposals                 | read (blind)         | organizer, or organizer:{event} |
 * | organizer | speaker identities                | read                 | organizer, or organizer:{event} |
 * | organizer | review settings                   | read, write          | organizer, or organizer:{event} |
 * | organizer | reviewers                         | read, write, delete  | organizer, or organizer:{event} |
 * | organizer | assignments                       | run, assign, unassign| organizer, or organizer:{event} |
 * | organizer | identity flags, redactions        | read, write          | organizer, or organizer:{event} |
 * | organizer | progress                          | read                 | organizer, or organizer:{event} |
 * | organizer | ranking (blind, or identities)    | read, export         | organizer, or organizer:{event} |
 * | organizer | selection, decisions              | run, read, export    | organizer, or organizer:{event} |
 * | organizer | decisions                         | publish              | organizer, or organizer:{event} |
 * | reviewer  | own assignments, own reviews      | read, write          | reviewer, or reviewer:{event};  |
 * |           |                                   |                      | actively assigned; and not      |
 * |           |                                   |                      | conflicted with the proposal's  |
 * |           |                                   |                      | current speakers (else 404)     |
 * | reviewer  | other reviewers' reviews, scores  | read                 | never, in any phase             |
 * </pre>
 *
 * The object conditions are decided by {@link #mayReview}; the review package looks the assignment and
 * the conflict up and asks. A reviewer who may not gets the same 404 as for an unknown id, so ids cannot
 * be probed. A conflict can arise after assignment (a speaker adds a co-speaker, a reviewer declares a
 * conflict); the assignment is kept for the organizer to see, but the reviewer loses the proposal.
 */
public final class Permissions {

    public enum Action {
        EVENT_PROPOSALS_READ("organizer"),
        REVIEW_SETTINGS_MANAGE("organizer"),
        REVIEWERS_MANAGE("organizer"),
        ASSIGNMENTS_MANAGE("organizer"),
        REDACTION_MANAGE("organizer"),
        PROGRESS_READ("organizer"),
        RANKING_READ("organizer"),
        SELECTION_MANAGE("organizer"),
        DECISIONS_PUBLISH("organizer"),
        OWN_REVIEWS("reviewer");

        private final String role;

        Action(String role) {
            this.role = role;
        }
    }

    private Permissions() {
    }

    /** Refuses unless the caller holds the action's role for every event or for this one. */
    public static void require(Caller caller, Action action, String eventSlug) {
        if (!caller.authenticated()) {
            throw ProblemException.unauthenticated();
        }
        if (!caller.hasRole(action.role, eventSlug)) {
            throw ProblemException.forbidden();
        }
    }

    /**
     * Function level, before a request is read: signed in, and an organizer or a reviewer of some event at least.
     * Every route of this service needs one of the two; the route's own check decides which, and for which event.
     */
    public static void requireServiceRole(Caller caller) {
        if (!caller.authenticated()) {
            throw ProblemException.unauthenticated();
        }
        if (!caller.hasAnyScopeOf("organizer") && !caller.hasAnyScopeOf("reviewer")) {
            throw ProblemException.forbidden();
        }
    }

    /** Refuses unless the caller holds the action's role for some event at least (lists across events). */
    public static void requireAnyEvent(Caller caller, Action action) {
        if (!caller.authenticated()) {
            throw ProblemException.unauthenticated();
        }
        if (!caller.hasAnyScopeOf(action.role)) {
            throw ProblemException.forbidden();
        }
    }

    /**
     * Object level: whether a reviewer may read and review one proposal. They must hold the reviewer role for
     * its event, be actively assigned to it, and have no conflict with its current speakers.
     */
    public static boolean mayReview(Caller caller, String eventSlug, boolean activelyAssigned, boolean conflicted) {
        return allows(caller, Action.OWN_REVIEWS, eventSlug) && activelyAssigned && !conflicted;
    }

    /** Whether the caller holds the action's role for this event; for filtering lists, not for refusing. */
    public static boolean allows(Caller caller, Action action, String eventSlug) {
        return caller.authenticated() && caller.hasRole(action.role, eventSlug);
    }
}
