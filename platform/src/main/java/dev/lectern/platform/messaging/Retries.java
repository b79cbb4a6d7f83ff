package dev.lectern.platform.messaging;

import org.jboss.logging.Logger;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Applying a consumed message while the database may be away for a moment. */
public final class Retries {

    private static final Logger LOG = Logger.getLogger(Retries.class);

    private Retries() {
    }

    /**
     * Runs {@code apply} until it returns, waiting ({@link Backoff}) after each failure that {@code passing} says
     * will pass. A {@code refusal} is thrown as it is; any other failure becomes
     * {@code refuse("could not be applied: ...")}, which the consumer dead-letters.
     */
    public static <T> T untilApplied(String what, Supplier<T> apply, Predicate<Throwable> passing,
                                     Class<? extends RuntimeException> refusal,
                                     Function<String, ? extends RuntimeException> refuse) {
        Backoff backoff = new Backoff();
        while (true) {
            try {
                return apply.get();
            } catch (RuntimeException e) {
                if (refusal.isInstance(e)) {
                    throw e;
                }
                if (!passing.test(e)) {
                    throw refuse.apply("could not be applied: " + Failures.describe(e));
                }
                LOG.warnf("database unavailable while applying %s (%s); retrying in %d ms", what, Failures.describe(e),
                        backoff.millis());
                backoff.pause(e);
            }
        }
    }
}
