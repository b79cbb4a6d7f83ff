package dev.lectern.submission.proposal;

import dev.lectern.platform.problem.FieldError;
import dev.lectern.platform.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an organizer narrows an event's proposals to. Each list means "any of these" and an empty one
 * means "any"; {@code text} is matched as a substring, because Chinese has no spaces to split words on.
 */
public record ProposalFilter(List<ProposalStatus> statuses, List<String> tracks, List<String> formats,
                             List<String> languages, String text) {

    static final int MAX_TEXT = 200;

    /** Reads the query parameters, refusing (400, per field) what cannot be a filter. */
    public static ProposalFilter parse(List<String> status, List<String> track, List<String> format,
                                       List<String> language, String q) {
        List<FieldError> errors = new ArrayList<>();
        List<ProposalStatus> statuses = new ArrayList<>();
        for (String value : values(status)) {
            try {
                statuses.add(ProposalStatus.valueOf(value.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("status", "invalid", null));
            }
        }
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > MAX_TEXT) {
            errors.add(new FieldError("q", "size", null));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation-failed", errors, 1, MAX_TEXT);
        }
        return new ProposalFilter(List.copyOf(statuses), values(track), values(format), values(language), text);
    }

    /** Repeated parameters and comma-separated values both work: {@code status=ACCEPTED,CONFIRMED}. */
    private static List<String> values(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String value : raw) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return List.copyOf(out);
    }
}
