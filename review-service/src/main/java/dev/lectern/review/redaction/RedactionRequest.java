package dev.lectern.review.redaction;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The reviewer-visible text an organizer wants reviewers to see instead of the speaker's; tags default to the original's. */
public record RedactionRequest(
        @NotBlank @Size(max = 300) String title,
        @JsonProperty("abstract") @NotBlank @Size(max = 3000) String abstractText,
        @Size(max = 20000) String description,
        @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags) {
}
