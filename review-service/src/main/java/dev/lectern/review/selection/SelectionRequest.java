package dev.lectern.review.selection;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A selection run: the program's capacity per track and/or per format, an optional cap of accepted proposals
 * per speaker, the waitlist length per track, decisions pinned by hand, and the ranking key.
 */
public record SelectionRequest(@NotNull @Valid Capacity capacity,
                               @Min(1) @Max(1000) Integer maxAcceptedPerSpeaker,
                               @Min(0) @Max(10000) Integer waitlistLength,
                               @Size(max = 10000) List<@NotNull @Valid PinRequest> pins,
                               String key) {

    public record Capacity(Map<String, @NotNull @Min(0) @Max(100000) Integer> tracks,
                           Map<String, @NotNull @Min(0) @Max(100000) Integer> formats) {
    }

    public record PinRequest(@NotNull UUID proposalId, @NotNull Pin decision) {
    }
}
