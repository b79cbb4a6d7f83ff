package dev.lectern.submission.proposal;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * What a speaker sends to create or replace a proposal. Status, id, version and ownership are not
 * fields here: they cannot be set by a caller (unknown fields are refused).
 */
public record ProposalRequest(
        @NotBlank @Size(max = 300) String title,
        @JsonProperty("abstract") @NotBlank @Size(max = 3000) String abstractText,
        @Size(max = 20000) String description,
        @NotBlank @Size(max = 64) String format,
        @NotBlank @Size(max = 64) String track,
        @NotBlank @Size(max = 16) String language,
        @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags,
        @NotEmpty @Size(max = 10) List<@NotNull @Valid Speaker> speakers,
        @Size(max = 5000) String notes,
        Boolean draft) {

    public List<String> tagsOrEmpty() {
        return tags == null ? List.of() : tags;
    }

    public boolean isDraft() {
        return Boolean.TRUE.equals(draft);
    }
}
