package dev.lectern.submission.security;

import dev.lectern.platform.security.Caller;
import dev.lectern.platform.problem.ProblemException;
import dev.lectern.platform.problem.FieldError;

import java.util.List;

/**
 * Who may do what in submission-service: the one place it is decided. Every route names its row with
 * {@link Requires}; {@link BodyAfterPermission} checks the row's role before the body is read, and a route
 * whose row has an object condition asks {@link #require} again with the {@link Facts} about the object.
 * An object that exists but is not the caller's answers like one that does not exist (404), so ids cannot
 * be probed. {@code PermissionsTest} checks that every route names exactly the row listed here.
 *
 * <pre>
 * | action               | who       | condition                                      | routes                                |
 * |----------------------|-----------|------------------------------------------------|---------------------------------------|
 * | EVENT_READ           | anyone    |                                                | GET /api/events                       |
 * |                      |           |                                                | GET /api/events/{event}               |
 * | EVENT_CREATE         | organizer | unscoped organizer role                        | POST /api/events                      |
 * | EVENT_UPDATE         | organizer | organizer, or organizer:{event}                | PUT /api/events/{event}               |
 * | PROPOSAL_CREATE      | speaker   | speaker role, or organizer of the event; and   | POST /api/events/{event}/proposals    |
 * |                      |           | the caller is one of the request's speakers    |                                       |
 * |                      |           | (else 400 on speakers)                         |                                       |
 * | PROPOSAL_READ        | speaker   | the caller is one of the proposal's speakers,  | GET /api/proposals/{id}               |
 * |                      | organizer | or organizer of its event (else 404)           |                                       |
 * | PROPOSAL_CHANGE      | speaker   | the caller is one of the proposal's speakers   | PUT /api/proposals/{id}               |
 * |                      |           | (else 404); a new version still names the      | POST /api/proposals/{id}/submit       |
 * |                      |           | caller among its speakers (else 400 on         | POST /api/proposals/{id}/withdraw     |
 * |                      |           | speakers)                                      | POST /api/proposals/{id}/confirm      |
 * |                      |           |                                                | POST /api/proposals/{id}/decline      |
 * | PROPOSAL_LIST_OWN    | anyone    | signed in (the list holds what PROPOSAL_READ   | GET /api/me/proposals                 |
 * |                      | signed in | allows them as a speaker)                      |                                       |
 * | EVENT_PROPOSALS_READ | organizer | organizer, or organizer:{event}                | GET /api/events/{event}/proposals     |
 * |                      |           |                                                | GET /api/events/{event}/proposals/counts |
 * | EVENT_IMPORT         | organizer | organizer, or organizer:{event}                | POST /api/events/{event}/imports      |
 * |                      |           |                                                | GET /api/events/{event}/imports       |
 * |                      |           |                                                | GET /api/events/{event}/imports/{id}  |
 * </pre>
 *
 * A caller is one of a proposal's speakers when their token's subject or email is one of the speakers' emails
 * ({@code proposal.SpeakerAccess}): access follows the current speakers, so a speaker removed by a co-speaker loses
 * it, and an organizer who imported a proposal never has it.
 */
public final class Permissions {

    public enum Action {
        EVENT_READ, EVENT_CREATE, EVENT_UPDATE,
        PROPOSAL_CREATE, PROPOSAL_READ, PROPOSAL_CHANGE, PROPOSAL_LIST_OWN,
        EVENT_PROPOSALS_READ, EVENT_IMPORT;

        /** Whether the row has a condition on the object, which the route checks once it has the object's facts. */
        public boolean onObject() {
            return this == PROPOSAL_CREATE || this == PROPOSAL_READ || this == PROPOSAL_CHANGE;
        }
    }

    /**
     * What the table needs to know about the object of a request.
     *
     * @param eventSlug      the event the action concerns, or null
     * @param speaker        whether the caller is one of the proposal's current speakers
     * @param namedInRequest whether the request's speakers name the caller (true when the request carries none)
     */
    public record Facts(String eventSlug, boolean speaker, boolean namedInRequest) {

        /** An action on an event, or on nothing more precise. */
        public static Facts event(String eventSlug) {
            return new Facts(eventSlug, false, true);
        }

        /** An action on a stored proposal of this event. */
        public static Facts proposal(String eventSlug, boolean speaker) {
            return new Facts(eventSlug, speaker, true);
        }

        /** The same, for a request that carries a new list of speakers. */
        public Facts naming(boolean caller) {
            return new Facts(eventSlug, speaker, caller);
        }
    }

    private Permissions() {
    }

    /** Refuses the action unless the table allows it with these facts. */
    public static void require(Caller caller, Action action, Facts facts) {
        requireRole(caller, action, facts.eventSlug());
        switch (action) {
            case PROPOSAL_READ -> {
                if (!facts.speaker() && !caller.hasRole("organizer", facts.eventSlug())) {
                    throw ProblemException.notFound();
                }
            }
            case PROPOSAL_CHANGE -> {
                if (!facts.speaker()) {
                    throw ProblemException.notFound();
                }
            }
            default -> {
            }
        }
        if (action.onObject() && !facts.namedInRequest()) {
            throw new ProblemException(400, "validation-failed",
                    List.of(new FieldError("speakers", "submitter-not-speaker", null)),
                    caller.email() != null && !caller.email().isBlank() ? caller.email() : caller.subject());
        }
    }

    /**
     * The part of the row that needs no object: who may ask at all (signed in, and the role for the event, if the
     * row names one). Before the body is read; the whole decision for rows without an object condition.
     */
    public static void requireRole(Caller caller, Action action, String eventSlug) {
        if (action == Action.EVENT_READ) {
            return;
        }
        if (!caller.authenticated()) {
            throw ProblemException.unauthenticated();
        }
        boolean organizer = caller.hasRole("organizer", eventSlug);
        switch (action) {
            case EVENT_CREATE -> {
                if (!caller.hasRole("organizer")) {
                    throw ProblemException.forbidden();
                }
            }
            case EVENT_UPDATE, EVENT_PROPOSALS_READ, EVENT_IMPORT -> {
                if (!organizer) {
                    throw ProblemException.forbidden();
                }
            }
            case PROPOSAL_CREATE -> {
                if (!caller.hasRole("speaker") && !organizer) {
                    throw ProblemException.forbidden();
                }
            }
            default -> {
                // PROPOSAL_READ and PROPOSAL_CHANGE are decided on the object; PROPOSAL_LIST_OWN needs a sign-in only.
            }
        }
    }
}
