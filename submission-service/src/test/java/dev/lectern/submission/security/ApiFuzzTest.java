package dev.lectern.submission.security;

import dev.lectern.infra.ApiFuzzer;
import dev.lectern.submission.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated hostile requests to every operation of the served OpenAPI document, as an organizer, a speaker,
 * a reviewer, a junk token and nobody (see {@link ApiFuzzer}): no 5xx, and every 4xx a problem body. Runs
 * {@code lectern.fuzz.seconds} (default 25) from seed {@code lectern.fuzz.seed}; a failure prints the seed.
 */
@QuarkusTest
@Tag("slow")
class ApiFuzzTest {

    @Test
    void hostileRequestsToEveryOperationGetNo5xxAndEveryRefusalIsAProblem() throws Exception {
        String slug = Fixtures.createEvent("fuzz");
        String speaker = "fuzz-" + slug + "@example.com";
        String proposal = Fixtures.submit(slug, speaker, Fixtures.talk(speaker));
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("organizer", Fixtures.organizer());
        callers.put("event organizer", Fixtures.bearer("org-" + slug, "organizer:" + slug));
        callers.put("speaker", Fixtures.speaker(speaker));
        callers.put("reviewer", Fixtures.bearer("r-" + slug + "@example.com", "reviewer:" + slug));
        callers.put("junk token", "Bearer junk");
        callers.put("nobody", null);
        long seed = Long.getLong("lectern.fuzz.seed", 27L);
        ApiFuzzer fuzzer = new ApiFuzzer(URI.create("http://localhost:" + RestAssured.port), seed,
                Duration.ofSeconds(Long.getLong("lectern.fuzz.seconds", 25L)), callers,
                Map.of("event", List.of(slug), "id", List.of(proposal), "proposalId", List.of(proposal)));
        List<String> failures = fuzzer.run();
        assertEquals(List.of(), failures, "seed " + seed + ": " + String.join("\n", failures));
        assertTrue(fuzzer.sent().size() > 10, fuzzer.sent().toString());
    }
}
