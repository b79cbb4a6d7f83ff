package dev.lectern.platform.web;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client: {@code capacity} requests at once, refilled at {@code perSecond}. Pure
 * logic; the request filter decides who a client is (the socket address, or the forwarded one only
 * behind a trusted proxy).
 */
public final class RateLimiter {

    private final double capacity;
    private final double perSecond;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }
    }

    public RateLimiter(int capacity, double perSecond) {
        this.capacity = capacity;
        this.perSecond = perSecond;
    }

    /** Takes a token for {@code client}; returns empty if allowed, or how long to wait. */
    public java.util.Optional<Duration> acquire(String client, long nowNanos) {
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(capacity, nowNanos));
        synchronized (bucket) {
            double elapsed = (nowNanos - bucket.updatedNanos) / 1e9;
            bucket.tokens = Math.min(capacity, bucket.tokens + elapsed * perSecond);
            bucket.updatedNanos = nowNanos;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return java.util.Optional.empty();
            }
            double wait = (1 - bucket.tokens) / perSecond;
            return java.util.Optional.of(Duration.ofMillis((long) Math.ceil(wait * 1000)));
        }
    }

    /** Forgets idle clients so the map does not grow without bound. */
    public void evictIdle(long nowNanos, Duration idle) {
        buckets.entrySet().removeIf(e -> nowNanos - e.getValue().updatedNanos > idle.toNanos());
    }
}
