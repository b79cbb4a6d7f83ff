package dev.lectern.submission.event;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A topic track of an event, e.g. "compliance and legal". */
public record Track(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9-]*") String slug,
        @NotNull @Valid LocalizedText name) {
}
