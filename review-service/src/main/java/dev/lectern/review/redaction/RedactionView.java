package dev.lectern.review.redaction;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.List;

/** A redaction as organizers see it, with what the scanner still finds in it. */
public record RedactionView(String proposalId, String title, @JsonProperty("abstract") String abstractText,
                            String description, List<String> tags, long basedOnVersion, boolean stale,
                            String redactedBy, OffsetDateTime updatedAt, List<IdentityScanner.Match> remainingMatches) {
}
