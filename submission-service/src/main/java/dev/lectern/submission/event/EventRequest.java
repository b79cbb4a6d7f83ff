package dev.lectern.submission.event;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** What an organizer sends to create or replace an event. */
public record EventRequest(
        @NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9-]*") String slug,
        @NotNull @Valid LocalizedText name,
        @NotBlank @Size(max = 64) String timeZone,
        @NotNull OffsetDateTime cfpOpensAt,
        @NotNull OffsetDateTime cfpClosesAt,
        @NotEmpty @Size(max = 50) List<@NotNull @Valid Track> tracks,
        @NotEmpty @Size(max = 20) List<@NotNull @Valid Format> formats,
        @NotEmpty @Size(max = 10) List<@NotBlank @Size(max = 16) String> languages,
        @Schema(description = "Accepted speakers confirm by this time or their offer expires (DECLINED, reason "
                + "EXPIRED); a decision may name its own. After cfpClosesAt. Absent: offers do not expire")
        OffsetDateTime respondBy) {
}
