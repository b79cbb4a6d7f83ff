package dev.lectern.review.review;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lectern.review.projection.ProposalContent;
import dev.lectern.review.redaction.ReviewerText;

import java.util.List;

/**
 * A proposal as a reviewer sees it. Built from {@link ProposalContent} (which holds no person) through
 * {@link ReviewerText} (redaction, masking); there is no field here that could carry a speaker.
 */
public record ReviewerProposalView(String id, String event, String track, String format, String language,
                                   String title, @JsonProperty("abstract") String abstractText, String description,
                                   List<String> tags) {

    static ReviewerProposalView of(ProposalContent content) {
        ReviewerText text = ReviewerText.of(content);
        return new ReviewerProposalView(content.id.toString(), content.eventSlug, content.track, content.format,
                content.language, text.title(), text.abstractText(), text.description(), text.tags());
    }
}
