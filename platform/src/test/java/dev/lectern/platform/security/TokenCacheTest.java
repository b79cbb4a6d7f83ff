package dev.lectern.platform.security;


import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TokenCacheTest {

    @Test
    void aTokenIsRememberedUntilItsDeadlineAndNotAtIt() {
        TokenCache<String> cache = new TokenCache<>(10);
        cache.put("t", "alice", 100, 40);
        assertEquals("alice", cache.get("t", 40));
        assertEquals("alice", cache.get("t", 99));
        assertNull(cache.get("t", 100));
        assertEquals(0, cache.size(), "an expired entry is dropped when it is looked up");
        assertNull(cache.get("t", 99), "and is not found again before its old deadline");
    }

    @Test
    void onlyTheExactTextMatches() {
        TokenCache<String> cache = new TokenCache<>(10);
        cache.put("header.claims.signature", "alice", 100, 0);
        assertNull(cache.get("header.claims.signaturE", 1));
        assertNull(cache.get("header.claims.signature ", 1));
    }

    @Test
    void aTokenAlreadyPastItsDeadlineIsNotKept() {
        TokenCache<String> cache = new TokenCache<>(10);
        cache.put("t", "alice", 50, 50);
        assertEquals(0, cache.size());
        assertNull(cache.get("t", 10));
    }

    @Test
    void atCapacityExpiredTokensGoFirst() {
        TokenCache<String> cache = new TokenCache<>(3);
        cache.put("old", "a", 20, 0);
        cache.put("live1", "b", 1000, 0);
        cache.put("live2", "c", 1000, 0);
        cache.put("new", "d", 1000, 30);
        assertEquals(3, cache.size());
        assertNull(cache.get("old", 10), "the expired one made room");
        assertEquals("b", cache.get("live1", 30));
        assertEquals("c", cache.get("live2", 30));
        assertEquals("d", cache.get("new", 30));
    }

    @Test
    void atCapacityWithNothingExpiredTheCacheStartsOverAndStaysBounded() {
        TokenCache<String> cache = new TokenCache<>(3);
        for (int i = 0; i < 100; i++) {
            cache.put("t" + i, "v" + i, 1000, 0);
            assertEquals(true, cache.size() <= 3, "size " + cache.size() + " after " + (i + 1) + " tokens");
        }
        assertEquals("v99", cache.get("t99", 1), "the latest token is kept");
    }

    @Test
    void capacityZeroKeepsNothing() {
        TokenCache<String> cache = new TokenCache<>(0);
        cache.put("t", "alice", 100, 0);
        assertNull(cache.get("t", 1));
    }
}
