package dev.lectern.review.settings;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** One thing reviewers score, such as relevance or clarity: an integer from {@code min} to {@code max}. */
public record Criterion(
        @NotBlank @Size(max = 40) @Pattern(regexp = "[a-z0-9][a-z0-9-]*") String key,
        @NotNull @Valid Name name,
        @NotNull @Positive @DecimalMax("1000") BigDecimal weight,
        @NotNull @Min(-1000) @Max(1000) Integer min,
        @NotNull @Min(-1000) @Max(1000) Integer max) {

    /** A criterion's name in English and, for bilingual events, Chinese. */
    public record Name(@NotBlank @Size(max = 200) String en, @Size(max = 200) String zh) {
    }
}
