package dev.lectern.review.settings;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;

/** An event's review settings as an organizer sends them; {@code blind} defaults to true, {@code phase} to OPEN. */
public record ReviewSettingsRequest(
        @NotEmpty @Size(max = 20) List<@NotNull @Valid Criterion> criteria,
        @NotNull @Min(1) @Max(20) Integer reviewsPerProposal,
        Boolean blind,
        ReviewPhase phase,
        OffsetDateTime dueAt) {
}
