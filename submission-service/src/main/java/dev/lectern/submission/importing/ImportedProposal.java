package dev.lectern.submission.importing;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lectern.submission.proposal.ProposalRequest;
import dev.lectern.submission.proposal.Speaker;

import java.util.List;

/** One proposal in a JSON or NDJSON import: the submit API's fields plus {@code externalId} and {@code status}. */
public record ImportedProposal(
        String externalId,
        String status,
        String title,
        @JsonProperty("abstract") String abstractText,
        String description,
        String format,
        String track,
        String language,
        List<String> tags,
        List<Speaker> speakers,
        String notes,
        Boolean draft) {

    ImportItem toItem(long line) {
        return new ImportItem(line, externalId, status, new ProposalRequest(title, abstractText, description, format,
                track, language, tags, speakers, notes, draft), List.of());
    }
}
