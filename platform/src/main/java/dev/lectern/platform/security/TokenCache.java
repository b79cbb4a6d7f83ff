package dev.lectern.platform.security;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Verified bearer tokens by their exact text, each until its deadline. Pure logic: time is passed in, in
 * epoch seconds, and the caller decides what a verified token is and when it stops being valid.
 *
 * <p>At capacity, expired entries are dropped first; if none has expired, the whole cache is cleared, so
 * memory stays bounded whatever the mix of tokens, at the price of verifying again.
 */
public final class TokenCache<V> {

    private record Entry<V>(V value, long validUntil) {
    }

    private final int capacity;
    private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();

    public TokenCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
    }

    /** The value verified for exactly this token, or null when there is none or its deadline has passed. */
    public V get(String token, long now) {
        Entry<V> entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (now >= entry.validUntil()) {
            entries.remove(token, entry);
            return null;
        }
        return entry.value();
    }

    /** Remembers a verified token until {@code validUntil} (exclusive); nothing is kept past it. */
    public void put(String token, V value, long validUntil, long now) {
        if (capacity == 0 || now >= validUntil) {
            return;
        }
        if (entries.size() >= capacity) {
            entries.values().removeIf(entry -> now >= entry.validUntil());
            if (entries.size() >= capacity) {
                entries.clear();
            }
        }
        entries.put(token, new Entry<>(value, validUntil));
    }

    public int size() {
        return entries.size();
    }
}
