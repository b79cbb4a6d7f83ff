package dev.lectern.submission;

import dev.lectern.submission.proposal.ProposalLifecycle.Step;
import dev.lectern.submission.proposal.ProposalDecisions;
import dev.lectern.submission.proposal.ProposalStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.quarkus.narayana.jta.QuarkusTransaction;
import dev.lectern.submission.proposal.ProposalDecisions.DecisionOutcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.lectern.submission.proposal.ProposalStatus.ACCEPTED;
import static dev.lectern.submission.proposal.ProposalStatus.CONFIRMED;
import static dev.lectern.submission.proposal.ProposalStatus.DECLINED;
import static dev.lectern.submission.proposal.ProposalStatus.DRAFT;
import static dev.lectern.submission.proposal.ProposalStatus.REJECTED;
import static dev.lectern.submission.proposal.ProposalStatus.SUBMITTED;
import static dev.lectern.submission.proposal.ProposalStatus.WAITLISTED;
import static dev.lectern.submission.proposal.ProposalStatus.WITHDRAWN;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every step from every status, through the API for speakers and through {@link ProposalDecisions#decide}
 * for decisions. The expected table is the product brief's, written out here independently of the code.
 */
@QuarkusTest
class ProposalLifecycleTest {

    private static final String SPEAKER = "lifecycle@example.com";

    /** The speaker's steps the brief allows from each status; every other one is a 409. */
    private static final Map<ProposalStatus, Set<String>> SPEAKER_STEPS = Map.of(
            DRAFT, Set.of("submit", "withdraw", "edit"),
            SUBMITTED, Set.of("withdraw", "edit"),
            ACCEPTED, Set.of("confirm", "decline", "withdraw"),
            CONFIRMED, Set.of("withdraw"),
            WAITLISTED, Set.of(),
            REJECTED, Set.of(),
            WITHDRAWN, Set.of(),
            DECLINED, Set.of());

    private static final Map<String, ProposalStatus> SPEAKER_STEP_RESULT = Map.of(
            "submit", SUBMITTED, "withdraw", WITHDRAWN, "confirm", CONFIRMED, "decline", DECLINED);

    /**
     * Decisions from review: accept, waitlist, reject a submission; until its speaker answers, an organizer may
     * move it between the three (docs/api.md, "Decision rules").
     */
    private static final Map<ProposalStatus, Set<Step>> DECISIONS = Map.of(
            SUBMITTED, EnumSet.of(Step.ACCEPT, Step.WAITLIST, Step.REJECT),
            ACCEPTED, EnumSet.of(Step.WAITLIST, Step.REJECT),
            WAITLISTED, EnumSet.of(Step.ACCEPT, Step.REJECT),
            REJECTED, EnumSet.of(Step.ACCEPT, Step.WAITLIST));

    private static final Map<Step, ProposalStatus> DECISION_RESULT = Map.of(
            Step.ACCEPT, ACCEPTED, Step.WAITLIST, WAITLISTED, Step.REJECT, REJECTED);

    @Inject
    ProposalDecisions service;

    private String slug;

    @BeforeEach
    void event() {
        slug = Fixtures.createEvent("life");
    }

    @Test
    void speakerSavesADraftSubmitsItAndWithdrawsIt() {
        String id = reach(DRAFT);
        step(id, "submit").statusCode(200).body("status", equalTo("SUBMITTED")).body("version", equalTo(2))
                .header("ETag", equalTo("\"2\""));
        step(id, "withdraw").statusCode(200).body("status", equalTo("WITHDRAWN")).body("version", equalTo(3));
    }

    @Test
    void acceptedSpeakerConfirmsAndMayStillWithdraw() {
        String id = reach(ACCEPTED);
        step(id, "confirm").statusCode(200).body("status", equalTo("CONFIRMED"));
        step(id, "withdraw").statusCode(200).body("status", equalTo("WITHDRAWN"));
    }

    @Test
    void waitlistedProposalIsAcceptedWhenPromoted() {
        String id = reach(WAITLISTED);
        assertEquals(DecisionOutcome.APPLIED, decide(UUID.fromString(id), slug, Step.ACCEPT));
        given().header("Authorization", Fixtures.speaker(SPEAKER)).when().get("/api/proposals/" + id)
                .then().statusCode(200).body("status", equalTo(ACCEPTED.name()));
        step(id, "decline").statusCode(200).body("status", equalTo("DECLINED"));
    }

    @ParameterizedTest
    @EnumSource(ProposalStatus.class)
    void everySpeakerStepIsAllowedOrRefusedNamingTheCurrentStatus(ProposalStatus from) {
        for (String action : List.of("submit", "withdraw", "confirm", "decline", "edit")) {
            String id = reach(from);
            boolean allowed = SPEAKER_STEPS.get(from).contains(action);
            if (action.equals("edit")) {
                var response = given().header("Authorization", Fixtures.speaker(SPEAKER)).header("If-Match", "*")
                        .contentType(ContentType.JSON).body(talk(false))
                        .when().put("/api/proposals/" + id).then();
                if (allowed) {
                    response.statusCode(200).body("status", equalTo(from.name()));
                } else {
                    refused(response, from);
                }
                continue;
            }
            if (allowed) {
                step(id, action).statusCode(200).body("status", equalTo(SPEAKER_STEP_RESULT.get(action).name()));
            } else {
                refused(step(id, action), from);
                // and in Chinese
                given().header("Authorization", Fixtures.speaker(SPEAKER)).header("Accept-Language", "zh")
                        .when().post("/api/proposals/" + id + "/" + action)
                        .then().statusCode(409).body("detail", containsString(from.name()))
                        .body("title", equalTo("当前状态下无法执行"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ProposalStatus.class)
    void everyDecisionIsAppliedOrRefusedAsTheLifecycleSays(ProposalStatus from) {
        for (Step decision : List.of(Step.ACCEPT, Step.WAITLIST, Step.REJECT)) {
            String id = reach(from);
            var result = decide(UUID.fromString(id), slug, decision);
            boolean allowed = DECISIONS.getOrDefault(from, Set.of()).contains(decision);
            assertEquals(allowed, result == DecisionOutcome.APPLIED, decision + " from " + from + ": " + result);
            boolean carried = DECISION_RESULT.get(decision) == from;
            assertEquals(allowed || carried ? (allowed ? DecisionOutcome.APPLIED : DecisionOutcome.ALREADY_APPLIED)
                    : DecisionOutcome.NOT_ALLOWED, result, decision + " from " + from);
            ProposalStatus expected = allowed ? DECISION_RESULT.get(decision) : from;
            given().header("Authorization", Fixtures.speaker(SPEAKER)).when().get("/api/proposals/" + id)
                    .then().statusCode(200).body("status", equalTo(expected.name()));
        }
    }

    @Test
    void decisionForAnotherEventIsNotApplied() {
        String id = reach(SUBMITTED);
        assertEquals(DecisionOutcome.WRONG_EVENT, decide(UUID.fromString(id), "some-other-event", Step.ACCEPT));
    }

    /** Decisions arrive from Kafka inside the consumer's transaction; here each gets its own. */
    private DecisionOutcome decide(UUID id, String event, Step step) {
        return QuarkusTransaction.requiringNew().call(() -> service.decide(id, event, step));
    }

    private static void applied(DecisionOutcome outcome) {
        assertEquals(DecisionOutcome.APPLIED, outcome);
    }

    private static void refused(io.restassured.response.ValidatableResponse response, ProposalStatus from) {
        response.statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("invalid-transition"))
                .body("detail", containsString(from.name()));
    }

    private io.restassured.response.ValidatableResponse step(String id, String action) {
        return given().header("Authorization", Fixtures.speaker(SPEAKER))
                .when().post("/api/proposals/" + id + "/" + action).then();
    }

    private Map<String, Object> talk(boolean draft) {
        Map<String, Object> body = new HashMap<>(Fixtures.talk(SPEAKER));
        if (draft) {
            body.put("draft", true);
        }
        return body;
    }

    /** A new proposal in the given status, reached the way a real one would be. */
    private String reach(ProposalStatus status) {
        String id = Fixtures.post(Fixtures.speaker(SPEAKER), "/api/events/" + slug + "/proposals", talk(status == DRAFT))
                .statusCode(201).extract().path("id");
        UUID uuid = UUID.fromString(id);
        switch (status) {
            case DRAFT, SUBMITTED -> {
            }
            case WITHDRAWN -> step(id, "withdraw").statusCode(200);
            case ACCEPTED -> applied(decide(uuid, slug, Step.ACCEPT));
            case WAITLISTED -> applied(decide(uuid, slug, Step.WAITLIST));
            case REJECTED -> applied(decide(uuid, slug, Step.REJECT));
            case CONFIRMED -> {
                applied(decide(uuid, slug, Step.ACCEPT));
                step(id, "confirm").statusCode(200);
            }
            case DECLINED -> {
                applied(decide(uuid, slug, Step.ACCEPT));
                step(id, "decline").statusCode(200);
            }
        }
        return id;
    }
}
