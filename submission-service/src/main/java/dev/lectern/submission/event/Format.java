package dev.lectern.submission.event;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A session format with its own rules: a debate has exactly two speakers, a panel three to six. */
public record Format(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9-]*") String slug,
        @NotNull @Valid LocalizedText name,
        @NotNull @Min(5) @Max(480) Integer durationMinutes,
        @NotNull @Min(1) @Max(10) Integer minSpeakers,
        @NotNull @Min(1) @Max(10) Integer maxSpeakers,
        Boolean slides) {
}
