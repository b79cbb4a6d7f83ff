package dev.lectern.review.projection;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A proposal as review-service holds it. The blind view is built from {@link ProposalContent} alone;
 * speakers are filled in only for an organizer who asked for identities.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProposalSummary(
        String id,
        String event,
        long version,
        String status,
        String title,
        @JsonProperty("abstract") String abstractText,
        String description,
        String format,
        String track,
        String language,
        List<String> tags,
        List<ProposalIdentity.SpeakerIdentity> speakers) {

    static ProposalSummary blind(ProposalContent content) {
        return new ProposalSummary(content.id.toString(), content.eventSlug, content.version, content.status,
                content.title, content.abstractText, content.description, content.format, content.track,
                content.language, content.tags, null);
    }

    ProposalSummary withSpeakers(List<ProposalIdentity.SpeakerIdentity> speakers) {
        return new ProposalSummary(id, event, version, status, title, abstractText, description, format, track,
                language, tags, speakers);
    }
}
