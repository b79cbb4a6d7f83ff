package dev.lectern.platform.messaging;

/** Waits between retries of something that failed for a passing reason: 200 ms, doubling up to 5 s. */
public final class Backoff {

    private long millis = 200;

    public long millis() {
        return millis;
    }

    /** Sleeps, then doubles the next wait; if interrupted, keeps the interrupt and throws {@code failure}. */
    public void pause(RuntimeException failure) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw failure;
        }
        millis = Math.min(millis * 2, 5000);
    }
}
