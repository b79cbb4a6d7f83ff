package dev.lectern.review.redaction;

import dev.lectern.review.projection.ProposalContent;
import dev.lectern.review.projection.ProposalIdentity;
import dev.lectern.review.settings.ReviewSettings;

import java.util.List;

/**
 * The text of a proposal as reviewers see it: the organizer's redaction when there is one, the speaker's
 * text otherwise; and while review is blind, any remaining mention of the proposal's own speakers
 * (name, email, affiliation) masked. Every reviewer-facing read goes through {@link #of}.
 *
 * <p>A redaction is kept even after the speaker edits the proposal: showing the new original could bring
 * back what the organizer took out, so blindness wins over freshness until an organizer updates the
 * redaction (identity flags mark it stale). Masking is the safety net for text no organizer has looked at
 * yet; it reads the speakers only to remove them, and the result is built from reviewer-visible fields.
 */
public record ReviewerText(String title, String abstractText, String description, List<String> tags) {

    public static ReviewerText of(ProposalContent content) {
        ProposalRedaction redaction = ProposalRedaction.findById(content.id);
        ReviewerText text = redaction != null
                ? new ReviewerText(redaction.title, redaction.abstractText, redaction.description, redaction.tags)
                : new ReviewerText(content.title, content.abstractText, content.description, content.tags);
        if (!ReviewSettings.isBlind(content.eventSlug)) {
            return text;
        }
        List<IdentityScanner.Speaker> speakers = speakers(ProposalIdentity.findById(content.id));
        return new ReviewerText(IdentityScanner.mask(text.title, speakers),
                IdentityScanner.mask(text.abstractText, speakers),
                IdentityScanner.mask(text.description, speakers),
                text.tags == null ? List.of() : text.tags.stream().map(tag -> IdentityScanner.mask(tag, speakers)).toList());
    }

    static List<IdentityScanner.Speaker> speakers(ProposalIdentity identity) {
        if (identity == null || identity.speakers == null) {
            return List.of();
        }
        return identity.speakers.stream()
                .map(s -> new IdentityScanner.Speaker(s.name(), s.email(), s.affiliation())).toList();
    }
}
