package dev.lectern.platform.messaging;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RetriesTest {

    static final class Refusal extends RuntimeException {
        Refusal(String reason) {
            super(reason);
        }
    }

    static final class Passing extends RuntimeException {
    }

    @Test
    void aPassingFailureIsRetriedUntilItApplies() {
        AtomicInteger calls = new AtomicInteger();
        String outcome = Retries.untilApplied("a test", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new Passing();
            }
            return "applied";
        }, e -> e instanceof Passing, Refusal.class, Refusal::new);
        assertEquals("applied", outcome);
        assertEquals(3, calls.get());
    }

    @Test
    void aLastingFailureIsRefusedOnceSayingWhatItWas() {
        AtomicInteger calls = new AtomicInteger();
        Refusal refusal = assertThrows(Refusal.class, () -> Retries.untilApplied("a test", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("constraint violated");
        }, e -> e instanceof Passing, Refusal.class, Refusal::new));
        assertEquals(1, calls.get());
        assertEquals("could not be applied: " + Failures.describe(new IllegalStateException("constraint violated")),
                refusal.getMessage());
    }

    @Test
    void aRefusalIsThrownAsItIs() {
        Refusal thrown = new Refusal("impossible transition");
        assertSame(thrown, assertThrows(Refusal.class, () -> Retries.untilApplied("a test", () -> {
            throw thrown;
        }, e -> true, Refusal.class, Refusal::new)));
    }
}
