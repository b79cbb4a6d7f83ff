package dev.lectern.review.selection;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
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
                               String key,
                               @Future
                               @Schema(description = "Accepted speakers confirm by this time or their offer expires "
                                       + "(DECLINED, reason EXPIRED) and the place goes to the waitlist; acceptances "
                                       + "this run stores, and those promoted from the waitlist later, carry it. Give "
                                       + "it in the event's time zone, e.g. 2027-03-01T18:00:00+08:00. Absent: the "
                                       + "event's respond-by time in submission-service, if it has one")
                               OffsetDateTime respondBy) {

    public record Capacity(Map<String, @NotNull @Min(0) @Max(100000) Integer> tracks,
                           Map<String, @NotNull @Min(0) @Max(100000) Integer> formats) {
    }

    public record PinRequest(@NotNull UUID proposalId, @NotNull Pin decision) {
    }
}
