package dev.lectern.e2e.fault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.e2e.Api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.awaitility.Awaitility.await;

/**
 * One small CFP from start to end, as its people would drive it through the API: an organizer creates the
 * event, sets up review and four reviewers; ten speakers submit (with an {@code Idempotency-Key}), four
 * edit (with {@code If-Match}), one withdraws; assignment runs and the reviewers score; selection accepts two
 * per track and waitlists two; decisions are published; one accepted speaker declines, another withdraws,
 * the rest confirm, and the two proposals promoted from the waitlists confirm too.
 *
 * <p>Proposal {@code i} is in track {@code OSPO} when {@code i} is even, and both its reviewers score it
 * {@code 20 - i}: the outcome of each proposal is known in advance.
 */
final class Round {

    static final String OSPO = "ospo-experience";
    static final String LEGAL = "compliance-legal";
    static final int PROPOSALS = 10;
    /** How long a round waits for something that travels over Kafka (the broker may be down for a while). */
    static final Duration ASYNC = Duration.ofSeconds(240);

    private final String slug;
    private final Client submission;
    private final Client review;
    private final Ledger ledger;
    private final Function<String, String> speakerToken;
    private final Function<String, String> reviewerToken;
    private final String organizer;
    private final List<String> ids = new ArrayList<>();
    private final Map<String, Long> lastAckedVersion = new HashMap<>();

    Round(String slug, Client submission, Client review, Ledger ledger, String organizer,
          Function<String, String> speakerToken, Function<String, String> reviewerToken) {
        this.slug = slug;
        this.submission = submission;
        this.review = review;
        this.ledger = ledger;
        this.organizer = organizer;
        this.speakerToken = speakerToken;
        this.reviewerToken = reviewerToken;
    }

    void run() {
        createEvent();
        setUpReview();
        for (int i = 0; i < PROPOSALS; i++) {
            submit(i);
        }
        for (int i = 0; i < 4; i++) {
            edit(i);
        }
        step(9, "withdraw", "WITHDRAWN");
        awaitReviewHoldsLatestVersions();
        assignAndReview();
        select();
        publishAndAwaitDecisions();
        step(0, "decline", "DECLINED");
        step(1, "withdraw", "WITHDRAWN");
        step(2, "confirm", "CONFIRMED");
        step(3, "confirm", "CONFIRMED");
        // Each freed place goes to the first on its track's waitlist, over Kafka and back.
        awaitStatus(4, "ACCEPTED");
        awaitStatus(5, "ACCEPTED");
        step(4, "confirm", "CONFIRMED");
        step(5, "confirm", "CONFIRMED");
        ledger.expectedPromotions.add(ids.get(4));
        ledger.expectedPromotions.add(ids.get(5));
        String[] expected = {"DECLINED", "WITHDRAWN", "CONFIRMED", "CONFIRMED", "CONFIRMED", "CONFIRMED",
                "WAITLISTED", "WAITLISTED", "REJECTED", "WITHDRAWN"};
        for (int i = 0; i < PROPOSALS; i++) {
            ledger.expectedStatus.put(ids.get(i), expected[i]);
        }
        ledger.rounds.incrementAndGet();
    }

    private void createEvent() {
        Client.Reply reply = op(() -> submission.post("/api/events", organizer, Api.event(slug)));
        // 409 on a retry: the first attempt created it
        require(reply.status() == 201 || reply.attempts() > 1 && reply.status() == 409, "create event", reply);
        ledger.events.add(slug);
    }

    private void setUpReview() {
        // The event reaches review-service over Kafka; until then its settings are a 404.
        ledger.operations.incrementAndGet();
        await().atMost(ASYNC).pollInterval(Duration.ofMillis(250)).until(() -> {
            Client.Reply reply = review.put("/api/events/" + slug + "/review-settings", organizer, Api.reviewSettings(),
                    Map.of());
            require(reply.ok() || reply.status() == 404, "review settings", reply);
            return reply.ok();
        });
        for (int r = 1; r <= 4; r++) {
            String subject = reviewer(r);
            Map<String, Object> body = Map.of("subject", subject, "name", "Reviewer " + r, "email", subject,
                    "affiliation", "Reviewing University " + r, "tracks", List.of(r <= 2 ? OSPO : LEGAL),
                    "maxAssignments", 12, "conflicts", List.of());
            Client.Reply reply = op(() -> review.post("/api/events/" + slug + "/reviewers", organizer, body));
            require(reply.status() == 201 || reply.attempts() > 1 && reply.status() == 409, "reviewer", reply);
        }
    }

    private void submit(int i) {
        String key = UUID.randomUUID().toString();
        Client.Reply reply = op(() -> submission.call("POST", "/api/events/" + slug + "/proposals", speakerToken.apply(email(i)),
                talk(i, "议题 " + slug + " #" + i), Map.of("Idempotency-Key", key)));
        require(reply.status() == 201, "submit", reply);
        ids.add(reply.text("id"));
        ledger.created(key, reply.text("id"));
        acked("submit", reply);
    }

    private void edit(int i) {
        String id = ids.get(i);
        String title = "议题 " + slug + " #" + i + " 修订版 edited";
        for (int attempt = 0; attempt < 20; attempt++) {
            Client.Reply read = op(() -> submission.get("/api/proposals/" + id, speakerToken.apply(email(i))));
            require(read.status() == 200, "read before edit", read);
            if (title.equals(read.text("title"))) {
                // an earlier attempt was applied, its answer lost on the way
                ledger.appliedWithoutAck.incrementAndGet();
                return;
            }
            Client.Reply reply = op(() -> submission.put("/api/proposals/" + id, speakerToken.apply(email(i)), talk(i, title),
                    Map.of("If-Match", read.etag())));
            if (reply.ok()) {
                acked("edit", reply);
                return;
            }
            require(reply.status() == 412, "edit", reply);
        }
        throw new IllegalStateException("edit of " + id + " kept losing to a concurrent change");
    }

    private void step(int i, String action, String to) {
        String id = ids.get(i);
        Client.Reply reply = op(() -> submission.post("/api/proposals/" + id + "/" + action, speakerToken.apply(email(i)), null));
        if (reply.ok()) {
            require(to.equals(reply.text("status")), action, reply);
            acked(action, reply);
            return;
        }
        require(reply.status() == 409 && reply.attempts() > 1, action, reply);
        Client.Reply read = submission.get("/api/proposals/" + id, speakerToken.apply(email(i)));
        require(to.equals(read.text("status")), action + " (retried)", read);
        ledger.appliedWithoutAck.incrementAndGet();
    }

    private void awaitReviewHoldsLatestVersions() {
        await().atMost(ASYNC).pollInterval(Duration.ofMillis(250)).until(() -> {
            Client.Reply reply = review.get("/api/events/" + slug + "/proposals", organizer);
            require(reply.ok(), "review projection", reply);
            Map<String, Long> held = new HashMap<>();
            reply.body().forEach(p -> held.put(p.get("id").asText(), p.get("version").asLong()));
            return lastAckedVersion.entrySet().stream().allMatch(e -> e.getValue().equals(held.get(e.getKey())));
        });
    }

    private void assignAndReview() {
        Client.Reply assigned = op(() -> review.post("/api/events/" + slug + "/assignments", organizer, null));
        require(assigned.ok(), "assignment", assigned);
        for (int r = 1; r <= 4; r++) {
            String subject = reviewer(r);
            String token = reviewerToken.apply(subject);
            Client.Reply mine = op(() -> review.get("/api/me/assignments", token));
            require(mine.ok(), "my assignments", mine);
            for (JsonNode assignment : mine.body()) {
                // Reviewers know proposals by references of their own; the title says which one this is.
                String ref = assignment.get("proposal").get("id").asText();
                String id = ids.get(indexOfTitle(assignment.get("proposal").get("title").asText()));
                int score = 20 - ids.indexOf(id);
                Map<String, Integer> scores = Map.of("content", score, "clarity", score);
                Client.Reply reply = op(() -> review.put("/api/me/reviews/" + ref, token,
                        Map.of("scores", scores, "comment", "有用 useful", "confidence", 4), Map.of()));
                require(reply.ok(), "review", reply);
                ledger.reviewAcks.add(new Ledger.ReviewAck(slug, id, subject, scores));
            }
        }
    }

    /** The index of the proposal with this title: "议题 {slug} #{i}", with " 修订版 edited" once edited. */
    private int indexOfTitle(String title) {
        String prefix = "议题 " + slug + " #";
        if (!title.startsWith(prefix)) {
            throw new IllegalStateException("a reviewer's proposal of another round: " + title);
        }
        String rest = title.substring(prefix.length());
        int end = rest.indexOf(' ');
        return Integer.parseInt(end < 0 ? rest : rest.substring(0, end));
    }

    private void select() {
        Client.Reply reply = op(() -> review.post("/api/events/" + slug + "/selection", organizer,
                Map.of("capacity", Map.of("tracks", Map.of(OSPO, 2, LEGAL, 2)), "key", "raw")));
        require(reply.ok(), "selection", reply);
        Map<String, String> outcomes = new HashMap<>();
        reply.body().get("decisions").forEach(d -> outcomes.put(d.get("proposalId").asText(), d.get("outcome").asText()));
        String[] expected = {"ACCEPT", "ACCEPT", "ACCEPT", "ACCEPT", "WAITLIST", "WAITLIST", "WAITLIST", "WAITLIST", "REJECT"};
        for (int i = 0; i < expected.length; i++) {
            require(expected[i].equals(outcomes.get(ids.get(i))), "selection of #" + i + " " + outcomes.get(ids.get(i)), reply);
        }
    }

    private void publishAndAwaitDecisions() {
        Client.Reply reply = op(() -> review.post("/api/events/" + slug + "/decisions/publish", organizer, null));
        require(reply.ok(), "publish", reply);
        String[] expected = {"ACCEPTED", "ACCEPTED", "ACCEPTED", "ACCEPTED", "WAITLISTED", "WAITLISTED", "WAITLISTED",
                "WAITLISTED", "REJECTED"};
        for (int i = 0; i < expected.length; i++) {
            awaitStatus(i, expected[i]);
        }
    }

    private void awaitStatus(int i, String status) {
        await().atMost(ASYNC).pollInterval(Duration.ofMillis(250)).until(() -> {
            Client.Reply read = submission.get("/api/proposals/" + ids.get(i), speakerToken.apply(email(i)));
            require(read.status() == 200, "read", read);
            return status.equals(read.text("status"));
        });
    }

    private void acked(String step, Client.Reply reply) {
        ledger.proposal(step, reply);
        lastAckedVersion.merge(reply.text("id"), reply.version(), Math::max);
    }

    private Client.Reply op(java.util.function.Supplier<Client.Reply> call) {
        ledger.operations.incrementAndGet();
        return call.get();
    }

    private Map<String, Object> talk(int i, String title) {
        return Api.talk(title, i % 2 == 0 ? OSPO : LEGAL, "讲者 Speaker " + i, email(i), "Speaker Company " + i + " " + slug);
    }

    private String email(int i) {
        return "s" + i + "-" + slug + "@speakers.test";
    }

    private String reviewer(int r) {
        return "reviewer" + r + "-" + slug + "@reviewers.test";
    }

    private static void require(boolean condition, String what, Client.Reply reply) {
        if (!condition) {
            throw new IllegalStateException(what + ": " + reply.status() + " " + reply.body());
        }
    }
}
