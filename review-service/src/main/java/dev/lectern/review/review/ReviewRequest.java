package dev.lectern.review.review;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.Map;

/** A review as a reviewer writes it: an integer per criterion key, a comment, a confidence from 1 to 5. */
public record ReviewRequest(
        @NotNull @Size(max = 50) Map<String, BigDecimal> scores,
        @Size(max = 20000) String comment,
        @NotNull @Min(1) @Max(5) Integer confidence) {
}
