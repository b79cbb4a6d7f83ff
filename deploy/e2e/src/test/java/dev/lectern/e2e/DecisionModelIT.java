package dev.lectern.e2e;

import dev.lectern.infra.ServiceProcess;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A model-based test of the decision conversation between the two services as real processes: per seed, a
 * random sequence of reviews, selection runs with changing capacities, pins and respond-by times, publishes,
 * declines, withdrawals, confirmations, decisions from "tooling" sent straight to {@code cfp.decisions}, and
 * expiries. Whenever the system is quiet it checks, for every proposal, that review-service's view and
 * submission-service's status agree, or that the disagreement is reported as a refusal; that no track holds
 * more accepted proposals than its published capacity (beyond confirmations it cannot undo); and that the
 * waitlist keeps the ranking's order. A failure names its seed and step: replay with
 * {@code -Dlectern.model.seeds=SEED}.
 */
@Tag("slow")
class DecisionModelIT {

    static final List<String> TRACKS = List.of("ospo-experience", "compliance-legal");
    static final int PER_TRACK = 6;
    static final int STEPS = Integer.getInteger("lectern.model.steps", 300);

    static Stack stack;
    static ServiceProcess submission;
    static ServiceProcess review;
    static KafkaProducer<String, String> tooling;

    @BeforeAll
    static void start() {
        stack = Stack.get();
        // Offers expire within seconds here: no minimum window, and the expiry job runs every second.
        submission = stack.submission(Map.of("LECTERN_OFFERS_MINIMUM_WINDOW", "PT0S",
                "LECTERN_OFFERS_EXPIRE_EVERY", "1s")).start();
        review = stack.review().start();
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        tooling = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stop() {
        tooling.close();
        submission.stop();
        review.stop();
    }

    @Test
    void everySeedEndsWithBothServicesAgreeingOnEveryProposal() {
        String seeds = System.getProperty("lectern.model.seeds", "11,23,37");
        Map<String, Integer> all = new HashMap<>();
        for (String seed : seeds.split(",")) {
            Run run = new Run(Long.parseLong(seed.trim()));
            run.play();
            run.counts.forEach((what, n) -> all.merge(what, n, Integer::sum));
        }
        // The seeds reach what the checks are about: offers expire, the waitlist moves, capacities are checked.
        if (STEPS >= 300) {
            // (Whether a promotion falls between two quiet checks depends on timing: its order is checked when
            // one does, and not required here.)
            for (String reached : List.of("expired", "check-capacity", "tooling")) {
                assertTrue(all.getOrDefault(reached, 0) > 0, "no seed reached " + reached + ": " + all);
            }
        }
    }

    /** One seed's round: its own event, proposals, reviewers, and what the test knows of them. */
    static final class Run {
        final long seed;
        final Random random;
        final String organizer = stack.bearer("organizer@lectern.test", "organizer");
        String slug;
        final List<String> proposals = new ArrayList<>();
        final Map<String, String> speakerOf = new HashMap<>();
        final Map<String, String> trackOf = new HashMap<>();
        /** Per reviewer token: their references, by proposal id. */
        final Map<String, Map<String, String>> refs = new LinkedHashMap<>();
        /** Per track, how many the last selection run accepted, once published (null while a newer run is not). */
        Map<String, Integer> published;
        Map<String, Integer> lastRun;
        int step;
        final Map<String, Integer> counts = new LinkedHashMap<>();
        /** Per track, the waitlist at the last quiet check (first place first), if no selection ran since. */
        Map<String, List<String>> waitlists;

        Run(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
        }

        void play() {
            try {
                setUp();
                for (step = 1; step <= STEPS; step++) {
                    act();
                    if (step % 10 == 0) {
                        checkWhenQuiet();
                    }
                }
                checkWhenQuiet();
                counts.put("expired", (int) submissionProposals().stream().filter(p -> "EXPIRED".equals(p.get("statusReason"))).count());
                counts.put("refusals-at-end", reviewApi(organizer).get("/api/events/" + slug + "/decisions/disagreements")
                        .then().extract().jsonPath().getList("").size());
                System.out.println("decision model, seed " + seed + ": " + STEPS + " steps " + counts);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("decision model failed with seed " + seed + " at step " + step + " of event "
                        + slug + " (replay: -Dlectern.model.seeds=" + seed + "): " + e.getMessage(), e);
            }
        }

        void setUp() {
            slug = Api.createEvent(submission.baseUrl(), organizer);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    reviewApi(organizer).contentType(ContentType.JSON).body(Api.reviewSettings())
                            .put("/api/events/" + slug + "/review-settings").then().statusCode(200));
            List<String> reviewers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                String subject = "model-reviewer" + r + "-" + slug + "@reviewers.test";
                reviewApi(organizer).contentType(ContentType.JSON)
                        .body(Map.of("subject", subject, "name", "Reviewer " + r, "email", subject,
                                "affiliation", "University " + r, "tracks", List.of(TRACKS.get(r % 2)),
                                "maxAssignments", 20, "conflicts", List.of()))
                        .post("/api/events/" + slug + "/reviewers").then().statusCode(201);
                reviewers.add(subject);
            }
            Map<String, String> idOfTitle = new HashMap<>();
            for (String track : TRACKS) {
                for (int i = 0; i < PER_TRACK; i++) {
                    String email = "model" + i + "-" + track + "-" + slug + "@speakers.test";
                    String title = "Model " + track + " #" + i;
                    String id = Api.submit(submission.baseUrl(), stack.bearer(email, "speaker"), slug,
                            Api.talk(title, track, "Speaker " + i, email, "Company " + i), null)
                            .then().statusCode(201).extract().path("id");
                    proposals.add(id);
                    speakerOf.put(id, email);
                    trackOf.put(id, track);
                    idOfTitle.put(title, id);
                }
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> reviewApi(organizer)
                    .get("/api/events/" + slug + "/proposals").then().statusCode(200).body("", hasSize(proposals.size())));
            reviewApi(organizer).post("/api/events/" + slug + "/assignments").then().statusCode(200);
            for (String subject : reviewers) {
                String token = stack.bearer(subject, "reviewer");
                List<Map<String, String>> assigned = reviewApi(token).get("/api/me/assignments").then().statusCode(200)
                        .extract().path("proposal");
                Map<String, String> mine = new HashMap<>();
                for (Map<String, String> proposal : assigned) {
                    mine.put(idOfTitle.get(proposal.get("title")), proposal.get("id"));
                }
                refs.put(token, mine);
                // Everyone reviews once at the start, so that selection has a ranking to work from.
                mine.values().forEach(ref -> review(token, ref));
            }
        }

        void act() {
            int roll = random.nextInt(100);
            if (roll < 25) {
                count("review");
                List<String> tokens = new ArrayList<>(refs.keySet());
                String token = tokens.get(random.nextInt(tokens.size()));
                List<String> mine = new ArrayList<>(refs.get(token).values());
                review(token, mine.get(random.nextInt(mine.size())));
            } else if (roll < 40) {
                count("select");
                select();
            } else if (roll < 55) {
                count("publish");
                reviewApi(organizer).post("/api/events/" + slug + "/decisions/publish").then().statusCode(200);
                published = lastRun;
                waitlists = null; // what the run decided goes out now: moves from here on are no promotions
            } else if (roll < 65) {
                count("decline");
                speakerStep(pick(), "decline");
            } else if (roll < 75) {
                count("confirm");
                speakerStep(pick(), "confirm");
            } else if (roll < 80) {
                count("withdraw");
                speakerStep(pick(), "withdraw");
            } else if (roll < 92) {
                count("tooling");
                String id = pick();
                sendFromTooling(id, random.nextBoolean() ? "waitlisted" : "rejected");
                published = null; // tooling changes what selection published: capacity is checked again after the next run
            } else {
                count("await-expiry");
                awaitExpiries();
            }
        }

        void select() {
            Map<String, Integer> capacity = new LinkedHashMap<>();
            for (String track : TRACKS) {
                capacity.put(track, random.nextInt(4));
            }
            Map<String, Object> body = new HashMap<>();
            body.put("capacity", Map.of("tracks", capacity));
            body.put("waitlistLength", random.nextInt(4));
            body.put("key", "raw");
            if (random.nextInt(3) == 0) {
                body.put("pins", List.of(Map.of("proposalId", pick(), "decision", random.nextBoolean() ? "ACCEPT" : "REJECT")));
            }
            if (random.nextInt(3) == 0) {
                body.put("respondBy", OffsetDateTime.now(ZoneOffset.ofHours(8)).plusSeconds(3 + random.nextInt(5)).toString());
            }
            Response response = reviewApi(organizer).contentType(ContentType.JSON).body(body)
                    .post("/api/events/" + slug + "/selection");
            if (response.statusCode() == 400 && body.containsKey("pins")
                    && "pins[0].proposalId".equals(response.jsonPath().getString("errors[0].field"))) {
                count("select-refused-pin"); // a pin of a withdrawn proposal: nothing ran, nothing changed
                return;
            }
            assertEquals(200, response.statusCode(), response.asString());
            // A run accepts no more than a track's capacity, beyond what it cannot or may not take back: confirmed
            // proposals, offers not yet answered (kept, with a warning), and the organizer's pinned accepts.
            Map<String, Integer> accepted = new HashMap<>();
            for (String track : TRACKS) {
                List<Map<String, Object>> lines = response.jsonPath().getList("decisions.findAll { it.track == '" + track
                        + "' && it.outcome == 'ACCEPT' }");
                long untouchable = lines.stream().filter(l -> List.of("CONFIRMED", "KEPT", "PINNED").contains(l.get("reason"))).count();
                assertTrue(lines.size() <= Math.max(capacity.get(track), untouchable), track + ": the run accepts "
                        + lines.size() + " with capacity " + capacity.get(track) + " and " + untouchable + " kept, confirmed or pinned");
                accepted.put(track, lines.size());
            }
            lastRun = accepted;
            published = null;
            waitlists = null;
        }

        void review(String token, String ref) {
            int content = 1 + random.nextInt(20);
            int clarity = 1 + random.nextInt(20);
            int code = reviewApi(token).contentType(ContentType.JSON)
                    .body(Map.of("scores", Map.of("content", content, "clarity", clarity), "comment", "Model.", "confidence", 3))
                    .put("/api/me/reviews/" + ref).statusCode();
            assertTrue(code == 200 || code == 409 || code == 404, "a review answers 200, 404 or 409, not " + code);
        }

        void speakerStep(String id, String step) {
            int code = given().baseUri(submission.baseUrl()).header("Authorization", stack.bearer(speakerOf.get(id), "speaker"))
                    .post("/api/proposals/" + id + "/" + step).statusCode();
            assertTrue(code == 200 || code == 409, step + " answers 200 or 409, not " + code);
        }

        void sendFromTooling(String id, String decision) {
            RecordHeaders headers = new RecordHeaders();
            headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            headers.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            headers.add("ce_type", ("dev.lectern.proposal." + decision + ".v1").getBytes(StandardCharsets.UTF_8));
            headers.add("ce_source", "/lectern/organizer-tooling".getBytes(StandardCharsets.UTF_8));
            headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
            String data = "{\"proposalId\":\"" + id + "\",\"event\":\"" + slug + "\",\"decision\":\""
                    + decision.toUpperCase(java.util.Locale.ROOT) + "\"}";
            try {
                tooling.send(new ProducerRecord<>("cfp.decisions", null, id, data, headers)).get();
            } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Waits until no acceptance is past its respond-by time: each has expired (or been answered). */
        void awaitExpiries() {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Instant now = Instant.now();
                for (Map<String, Object> p : submissionProposals()) {
                    Object respondBy = p.get("respondBy");
                    if ("ACCEPTED".equals(p.get("status")) && respondBy != null) {
                        assertTrue(Instant.parse((String) respondBy).isAfter(now),
                                p.get("id") + " is past its respond-by time " + respondBy + " and still ACCEPTED");
                    }
                }
            });
        }

        void checkWhenQuiet() {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<String, String> statuses = statuses();
                Map<String, String> seen = reviewApi(organizer).get("/api/events/" + slug + "/proposals").then()
                        .statusCode(200).extract().jsonPath().getList("", Map.class).stream()
                        .collect(Collectors.toMap(p -> (String) p.get("id"), p -> (String) p.get("status")));
                assertEquals(statuses, seen, "review-service's view of each proposal and submission-service's status");
                List<Map<String, Object>> disagreements = reviewApi(organizer)
                        .get("/api/events/" + slug + "/decisions/disagreements").then().statusCode(200)
                        .extract().jsonPath().getList("");
                for (Map<String, Object> d : disagreements) {
                    assertEquals("REFUSED", d.get("why"), "an unexplained disagreement: " + d);
                    assertTrue(d.get("reason") != null, "a refusal says why: " + d);
                }
            });
            Map<String, String> statuses = statuses();
            List<Map<String, Object>> decisions = reviewApi(organizer).get("/api/events/" + slug + "/selection").then()
                    .statusCode(200).extract().jsonPath().getList("");
            List<Map<String, Object>> refusals = reviewApi(organizer).get("/api/events/" + slug + "/decisions/disagreements")
                    .then().extract().jsonPath().getList("");
            Map<String, List<String>> current = new HashMap<>();
            for (String track : TRACKS) {
                long confirmed = count(statuses, track, "CONFIRMED");
                long accepted = count(statuses, track, "ACCEPTED") + confirmed;
                // No place is given twice: declines, withdrawals and expiries free places, promotions fill only those.
                boolean refusedInTrack = refusals.stream().anyMatch(r -> track.equals(r.get("track")));
                if (published != null && !refusedInTrack) {
                    count("check-capacity");
                    assertTrue(accepted <= published.get(track), track + ": " + accepted + " accepted or confirmed, the "
                            + "published run accepted " + published.get(track));
                }
                // The waitlist, as review-service last published it: each place once.
                List<Map<String, Object>> waitlist = decisions.stream()
                        .filter(d -> track.equals(d.get("track")) && "WAITLISTED".equals(d.get("decision"))
                                && d.get("publishedAt") != null && "WAITLISTED".equals(statuses.get(d.get("proposalId"))))
                        .sorted(java.util.Comparator.comparing(d -> (Integer) d.get("waitlistPosition")))
                        .toList();
                List<Integer> positions = waitlist.stream().map(d -> (Integer) d.get("waitlistPosition")).toList();
                assertEquals(positions.stream().distinct().count(), positions.size(), track + " waitlist positions " + positions);
                // Its order holds: whoever moved up since the last check came before everyone still waiting.
                if (waitlists != null && previousStatuses != null) {
                    List<String> before = waitlists.get(track);
                    int lastPromoted = -1;
                    int firstWaiting = Integer.MAX_VALUE;
                    for (int i = 0; i < before.size(); i++) {
                        String id = before.get(i);
                        if ("WAITLISTED".equals(previousStatuses.get(id)) && ACCEPTED_OR_ANSWERED.contains(statuses.get(id))) {
                            lastPromoted = i;
                        } else if ("WAITLISTED".equals(statuses.get(id))) {
                            firstWaiting = Math.min(firstWaiting, i);
                        }
                    }
                    if (lastPromoted >= 0) {
                        count("check-promotion-order");
                    }
                    assertTrue(lastPromoted < firstWaiting, track + ": promoted out of order from " + before
                            + " (statuses before " + previousStatuses + ", now " + statuses + ")");
                }
                current.put(track, waitlist.stream().map(d -> (String) d.get("proposalId")).toList());
            }
            waitlists = current;
            previousStatuses = statuses;
        }

        static final java.util.Set<String> ACCEPTED_OR_ANSWERED = java.util.Set.of("ACCEPTED", "CONFIRMED", "DECLINED");
        Map<String, String> previousStatuses;

        Map<String, String> statuses() {
            return submissionProposals().stream().collect(Collectors.toMap(p -> (String) p.get("id"), p -> (String) p.get("status")));
        }

        List<Map<String, Object>> submissionProposals() {
            return given().baseUri(submission.baseUrl()).header("Authorization", organizer)
                    .queryParam("limit", 100).get("/api/events/" + slug + "/proposals")
                    .then().statusCode(200).extract().jsonPath().getList("items");
        }

        long count(Map<String, String> statuses, String track, String status) {
            return statuses.entrySet().stream().filter(e -> track.equals(trackOf.get(e.getKey())) && status.equals(e.getValue())).count();
        }

        String pick() {
            return proposals.get(random.nextInt(proposals.size()));
        }

        void count(String what) {
            counts.merge(what, 1, Integer::sum);
        }

        RequestSpecification reviewApi(String token) {
            return given().baseUri(review.baseUrl()).header("Authorization", token);
        }
    }
}
