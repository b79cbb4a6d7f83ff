package dev.lectern.submission.proposal;

import dev.lectern.submission.event.Event;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;

/**
 * When an acceptance must be answered. The decision's own respond-by time wins, then the event's; an acceptance
 * applied late (a waitlist promotion after the event's time, say) still gets {@code lectern.offers.minimum-window}
 * to answer. Neither set: the offer does not expire.
 */
@ApplicationScoped
public class Offers {

    @ConfigProperty(name = "lectern.offers.minimum-window", defaultValue = "PT48H")
    Duration minimumWindow;

    /** The respond-by time of an acceptance applied at {@code now}, or null if it does not expire. */
    public Instant respondBy(Instant fromDecision, Event event, Instant now) {
        Instant respondBy = fromDecision != null ? fromDecision : event.respondBy;
        return respondBy == null ? null : latest(respondBy, now.plus(minimumWindow));
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
