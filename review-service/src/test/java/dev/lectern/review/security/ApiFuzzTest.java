package dev.lectern.review.security;

import dev.lectern.infra.ApiFuzzer;
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
 * Generated hostile requests to every operation of the served OpenAPI document, as an organizer, a reviewer,
 * a speaker, a junk token and nobody (see {@link ApiFuzzer}): no 5xx, and every 4xx a problem body. Runs
 * {@code lectern.fuzz.seconds} (default 25) from seed {@code lectern.fuzz.seed}; a failure prints the seed.
 */
@QuarkusTest
@Tag("slow")
class ApiFuzzTest {

    @Test
    void hostileRequestsToEveryOperationGetNo5xxAndEveryRefusalIsAProblem() throws Exception {
        OwaspApiTop10Test.Scenario s = OwaspApiTop10Test.Scenario.create("fuzz");
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("organizer", OwaspApiTop10Test.organizer());
        callers.put("event organizer", OwaspApiTop10Test.bearer("org-" + s.slug, "organizer:" + s.slug));
        callers.put("reviewer", s.token("ra"));
        callers.put("speaker", OwaspApiTop10Test.bearer("speaker-" + s.slug + "@speaker.test", "speaker"));
        callers.put("junk token", "Bearer junk");
        callers.put("nobody", null);
        long seed = Long.getLong("lectern.fuzz.seed", 27L);
        ApiFuzzer fuzzer = new ApiFuzzer(URI.create("http://localhost:" + RestAssured.port), seed,
                Duration.ofSeconds(Long.getLong("lectern.fuzz.seconds", 25L)), callers,
                Map.of("event", List.of(s.slug), "id", List.of(s.p1, s.reviewerIds.get("rb"), s.assignmentIds.get(0)),
                        "proposalId", List.of(s.p1, s.p3)));
        List<String> failures = fuzzer.run();
        assertEquals(List.of(), failures, "seed " + seed + ": " + String.join("\n", failures));
        assertTrue(fuzzer.sent().size() > 10, fuzzer.sent().toString());
    }
}
