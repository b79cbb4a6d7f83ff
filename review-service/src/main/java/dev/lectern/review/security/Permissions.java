package dev.lectern.review.security;

import dev.lectern.review.problem.ProblemException;

/**
 * Who may do what in review-service: the one place it is decided.
 *
 * <pre>
 * | role      | resource            | action          | condition                       |
 * |-----------|---------------------|-----------------|---------------------------------|
 * | organizer | event's proposals   | read (blind)    | organizer, or organizer:{event} |
 * | organizer | speaker identities  | read            | organizer, or organizer:{event} |
 * </pre>
 */
public final class Permissions {

    public enum Action {
        EVENT_PROPOSALS_READ
    }

    private Permissions() {
    }

    public static void require(Caller caller, Action action, String eventSlug) {
        if (!caller.authenticated()) {
            throw ProblemException.unauthenticated();
        }
        switch (action) {
            case EVENT_PROPOSALS_READ -> {
                if (!caller.hasRole("organizer", eventSlug)) {
                    throw ProblemException.forbidden();
                }
            }
        }
    }
}
