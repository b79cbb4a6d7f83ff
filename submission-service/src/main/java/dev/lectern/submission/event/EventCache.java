package dev.lectern.submission.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Events by slug for the submit path, which reads its event (tracks, formats, window) on every request: a
 * submission's event read was a tenth of its CPU. An event is kept for {@code lectern.event-cache.ttl}
 * (default 1 s, {@code PT0S} turns the cache off); a change made on this
 * instance drops it at once (and again when that change commits), a change made on another instance is seen
 * within the TTL. Only events that exist are kept, so a new event is found at once everywhere. The cached
 * events are detached copies that nobody changes; changes read and lock the event themselves.
 */
@ApplicationScoped
public class EventCache {

    @ConfigProperty(name = "lectern.event-cache.ttl", defaultValue = "PT1S")
    Duration ttl;
    /** Far more events than a platform runs at once; past it the cache starts again empty. */
    private static final int MAX_EVENTS = 10_000;

    @Inject
    EntityManager em;

    @Inject
    TransactionSynchronizationRegistry transactions;

    private record Entry(Event event, long loadedAt) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    /** Counts evictions: an event read before one is not kept, as the change may have committed since the read. */
    private final AtomicLong evictions = new AtomicLong();

    /** The event with this slug, at most the TTL old; call within a transaction or a request (the submit path reads it outside any). */
    public Optional<Event> bySlug(String slug) {
        long now = System.nanoTime();
        Entry entry = entries.get(slug);
        if (entry != null && now - entry.loadedAt() < ttl.toNanos()) {
            return Optional.of(entry.event());
        }
        long evictionsBefore = evictions.get();
        Optional<Event> event = Event.bySlug(slug);
        event.ifPresent(found -> {
            em.detach(found);
            if (entries.size() >= MAX_EVENTS) {
                entries.clear();
            }
            entries.put(slug, new Entry(found, now));
            if (evictions.get() != evictionsBefore) {
                entries.remove(slug);
            }
        });
        return event;
    }

    /** Drops the event now and when the current transaction ends: a read between the two sees the old event. */
    void evict(String slug) {
        drop(slug);
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    drop(slug);
                }
            });
        }
    }

    private void drop(String slug) {
        evictions.incrementAndGet();
        entries.remove(slug);
    }
}
