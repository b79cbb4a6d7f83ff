package dev.lectern.review.review;

import dev.lectern.review.settings.Criterion;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Checks a review's scores against the event's criteria and computes its weighted score. Plain Java. */
public final class Scoring {

    /** A score that needs fixing: the JSON path and a problem code. */
    public record ScoreError(String field, String code) {
    }

    private Scoring() {
    }

    /**
     * Every criterion scored, with a whole number within its range, and nothing else. Scores arrive as
     * decimals so that 3.5 is refused rather than silently cut to 3.
     */
    public static List<ScoreError> check(List<Criterion> criteria, Map<String, BigDecimal> scores) {
        List<ScoreError> errors = new ArrayList<>();
        for (Criterion criterion : criteria) {
            BigDecimal score = scores.get(criterion.key());
            String field = "scores." + criterion.key();
            if (score == null) {
                errors.add(new ScoreError(field, "required"));
            } else if (score.stripTrailingZeros().scale() > 0) {
                errors.add(new ScoreError(field, "not-integer"));
            } else if (score.compareTo(BigDecimal.valueOf(criterion.min())) < 0
                    || score.compareTo(BigDecimal.valueOf(criterion.max())) > 0) {
                errors.add(new ScoreError(field, "out-of-range"));
            }
        }
        Set<String> known = criteria.stream().map(Criterion::key).collect(Collectors.toSet());
        scores.keySet().stream().filter(key -> !known.contains(key)).sorted()
                .forEach(key -> errors.add(new ScoreError("scores." + key, "unknown-criterion")));
        return errors;
    }

    /** The scores as integers, once {@link #check} found nothing wrong. */
    public static Map<String, Integer> integers(Map<String, BigDecimal> scores) {
        Map<String, Integer> out = new TreeMap<>();
        scores.forEach((key, value) -> out.put(key, value.intValueExact()));
        return out;
    }

    /** sum(weight * score) / sum(weight), to four decimals. */
    public static BigDecimal weighted(List<Criterion> criteria, Map<String, Integer> scores) {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal weights = BigDecimal.ZERO;
        for (Criterion criterion : criteria) {
            total = total.add(criterion.weight().multiply(BigDecimal.valueOf(scores.get(criterion.key()))));
            weights = weights.add(criterion.weight());
        }
        return total.divide(weights, 4, RoundingMode.HALF_EVEN);
    }
}
