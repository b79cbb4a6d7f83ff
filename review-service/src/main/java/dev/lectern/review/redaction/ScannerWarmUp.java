package dev.lectern.review.redaction;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Builds the Traditional-Simplified transliterator ({@link NormalisedText}) once the service has started, on a
 * thread of its own, so that neither the start nor the first reviewer waits seconds for it.
 */
@ApplicationScoped
public class ScannerWarmUp {

    private static final Logger LOG = Logger.getLogger(ScannerWarmUp.class);

    void onStart(@Observes StartupEvent event) {
        Thread thread = new Thread(() -> {
            long started = System.nanoTime();
            NormalisedText.warmUp();
            LOG.debugf("identity scanner ready in %d ms", (System.nanoTime() - started) / 1_000_000);
        }, "identity-scanner-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }
}
