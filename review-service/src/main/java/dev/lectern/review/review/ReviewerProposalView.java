package dev.lectern.review.review;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import dev.lectern.review.projection.ProposalContent;
import dev.lectern.review.redaction.ReviewerText;

import java.util.List;
import java.util.UUID;

/**
 * A proposal as a reviewer sees it. Built from {@link ProposalContent} (which holds no person) through
 * {@link ReviewerText} (redaction, masking); there is no field here that could carry a speaker. {@code id} is the
 * reviewer's own reference ({@link ReviewerRef}), not the proposal id, whose UUIDv7 bits tell its submission time.
 */
public record ReviewerProposalView(
        @Schema(description = "My reference for this proposal (a version-8 UUID, different for each reviewer, with no "
                + "submission time in it), for /api/me/assignments/{proposalId} and /api/me/reviews/{proposalId}; "
                + "not the proposal id") String id, String event, String track, String format, String language,
                                   String title, @JsonProperty("abstract") String abstractText, String description,
                                   List<String> tags) {

    static ReviewerProposalView of(ProposalContent content, UUID ref) {
        ReviewerText text = ReviewerText.of(content);
        return new ReviewerProposalView(ref.toString(), content.eventSlug, content.track, content.format,
                content.language, text.title(), text.abstractText(), text.description(), text.tags());
    }
}
