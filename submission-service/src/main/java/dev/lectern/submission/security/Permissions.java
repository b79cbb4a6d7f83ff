package dev.lectern.submission.security;

import dev.lectern.platform.security.Caller;

import dev.lectern.platform.problem.ProblemException;

/**
 * Who may do what in submission-service: the one place it is decided. Resources call {@link #require}
 * before they touch anything; an object that exists but is not the caller's answers like one that
 * does not exist (404), so ids cannot be probed.
 *
 * <pre>
 * | role      | resource        | action                         | condition                               |
 * |-----------|-----------------|--------------------------------|-----------------------------------------|
 * | anyone    | event           | read, list                     |                                         |
 * | organizer | event           | create                         | unscoped organizer role                 |
 * | organizer | event           | update                         | organizer, or organizer:{event}         |
 * | speaker   | proposal        | create                         | any signed-in caller with speaker role  |
 * | speaker   | proposal        | read, update, submit, withdraw,| caller's sub or email is one of the     |
 * |           |                 | confirm, decline               | proposal's speakers                     |
 * | speaker   | own proposals   | list                           | signed in                               |
 * | organizer | proposal        | read, list, count, import      | organizer, or organizer:{event}         |
 * </pre>
 */
public final class Permissions {

    public enum Action {
        EVENT_CREATE, EVENT_UPDATE,
        PROPOSAL_CREATE, PROPOSAL_READ, PROPOSAL_CHANGE, PROPOSAL_LIST_OWN,
        EVENT_PROPOSALS_READ, EVENT_IMPORT
    }

    private Permissions() {
    }

    /**
     * Refuses the action unless the table allows it.
     *
     * @param eventSlug   the event the action concerns, or null
     * @param isSpeaker   whether the caller is one of the speakers of the proposal concerned
     */
    public static void require(Caller caller, Action action, String eventSlug, boolean isSpeaker) {
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
            case PROPOSAL_LIST_OWN -> {
                // every signed-in caller has a (possibly empty) list of their own
            }
            case PROPOSAL_READ -> {
                if (!isSpeaker && !organizer) {
                    throw ProblemException.notFound();
                }
            }
            case PROPOSAL_CHANGE -> {
                if (!isSpeaker) {
                    throw ProblemException.notFound();
                }
            }
        }
    }
}
