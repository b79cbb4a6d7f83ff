package dev.lectern.review.reviewer;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A reviewer as an organizer registers them. {@code subject} is the {@code sub} claim of their token;
 * {@code conflicts} name organisations, or people by email.
 */
public record ReviewerRequest(
        @NotBlank @Size(max = 200) String subject,
        @NotBlank @Size(max = 200) String name,
        @Email @Size(max = 320) String email,
        @Size(max = 300) String affiliation,
        @Size(max = 50) List<@NotBlank @Size(max = 64) String> tracks,
        @NotNull @Min(0) @Max(10000) Integer maxAssignments,
        @Size(max = 200) List<@NotBlank @Size(max = 300) String> conflicts) {

    public List<String> tracksOrEmpty() {
        return tracks == null ? List.of() : tracks;
    }

    public List<String> conflictsOrEmpty() {
        return conflicts == null ? List.of() : conflicts;
    }
}
