package dev.lectern.submission.proposal;

import dev.lectern.submission.event.Event;
import dev.lectern.submission.event.Format;
import dev.lectern.platform.problem.FieldError;
import dev.lectern.platform.problem.ProblemException;
import dev.lectern.submission.proposal.ProposalLifecycle.Step;
import dev.lectern.platform.security.Caller;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The rules a proposal's content and timing must meet, checked against its event: plain logic, no session. */
public final class ProposalRules {

    private ProposalRules() {
    }

    /** The rules that need the event: its tracks, formats, languages, and the format's speaker count. */
    public static void validate(Event event, ProposalRequest request, boolean complete) {
        List<FieldError> errors = new ArrayList<>();
        Optional<Format> format = event.format(request.format());
        if (format.isEmpty()) {
            errors.add(new FieldError("format", "unknown-format", null));
        }
        if (!event.hasTrack(request.track())) {
            errors.add(new FieldError("track", "unknown-track", null));
        }
        if (!event.languages.contains(request.language())) {
            errors.add(new FieldError("language", "unknown-language", null));
        }
        int speakers = request.speakers().size();
        if (complete && format.isPresent()
                && (speakers < format.get().minSpeakers() || speakers > format.get().maxSpeakers())) {
            errors.add(new FieldError("speakers", "speaker-count", null));
        }
        Set<String> emails = new HashSet<>();
        for (int i = 0; i < speakers; i++) {
            if (!emails.add(Caller.normaliseEmail(request.speakers().get(i).email()))) {
                errors.add(new FieldError("speakers[" + i + "].email", "duplicate", null));
            }
        }
        if (!errors.isEmpty()) {
            // The speaker-count message names the format's range: {0} and {1}.
            throw new ProblemException(400, "validation-failed", errors,
                    format.map(Format::minSpeakers).orElse(0), format.map(Format::maxSpeakers).orElse(0));
        }
    }

    /** Refuses to confirm an acceptance whose respond-by time has passed (the expiry job declines it). */
    static void requireOfferOpen(Proposal proposal, Event event, Instant now) {
        if (proposal.respondBy != null && !now.isBefore(proposal.respondBy)) {
            throw new ProblemException(409, "offer-expired",
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(proposal.respondBy.atZone(event.zone())), event.timeZone);
        }
    }

    /** Refuses unless the event's CFP is open at {@code now}. */
    static void requireOpen(Event event, Instant now) {
        if (!event.cfpOpenAt(now)) {
            DateTimeFormatter format = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
            throw new ProblemException(409, "cfp-closed", event.slug,
                    format.format(event.cfpOpensAt.atZone(event.zone())),
                    format.format(event.cfpClosesAt.atZone(event.zone())), event.timeZone);
        }
    }

    /** The lifecycle's next status for this step, or the 409 that says it is not possible from here. */
    static ProposalStatus next(ProposalStatus current, Step step) {
        return ProposalLifecycle.next(current, step)
                .orElseThrow(() -> new ProblemException(409, "invalid-transition", current.name(), step.label()));
    }

    /** Refuses an edit without If-Match (428) or with one that does not name this version (412). */
    static void requireVersion(String ifMatch, long version) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "precondition-required");
        }
        if (!matches(ifMatch, version)) {
            throw new ProblemException(412, "precondition-failed", version);
        }
    }

    /** Whether an If-Match header names {@code version} (or is {@code *}); events use it too. */
    public static boolean matches(String ifMatch, long version) {
        for (String tag : ifMatch.split(",")) {
            String value = tag.trim();
            if (value.equals("*")) {
                return true;
            }
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            if (value.equals("\"" + version + "\"") || value.equals(String.valueOf(version))) {
                return true;
            }
        }
        return false;
    }
}
