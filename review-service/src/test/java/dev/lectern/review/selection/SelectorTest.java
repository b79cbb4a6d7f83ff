package dev.lectern.review.selection;

import dev.lectern.review.ranking.Criterion;
import dev.lectern.review.ranking.ProposalRef;
import dev.lectern.review.ranking.Ranker;
import dev.lectern.review.ranking.Ranking;
import dev.lectern.review.ranking.RankingOptions;
import dev.lectern.review.ranking.ReviewScore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelectorTest {

    static final List<Criterion> CRITERIA = List.of(new Criterion("content", 1, 0, 100));
    /** Calibration off, so a proposal's score is exactly what its reviews say. */
    static final RankingOptions RAW = RankingOptions.defaults().withKey(RankingOptions.Key.RAW).withMinReviewsToCalibrate(1000);

    /** Builds an event where proposals are listed best first, each with its own score and review count. */
    static final class Program {
        final List<ProposalRef> proposals = new ArrayList<>();
        final List<ReviewScore> reviews = new ArrayList<>();
        final Map<String, Set<String>> speakers = new HashMap<>();

        Program add(String id, String track, String format, int score, int reviewCount, String... speakerKeys) {
            proposals.add(new ProposalRef(id, track, format, Set.of(speakerKeys)));
            speakers.put(id, Set.of(speakerKeys));
            for (int r = 0; r < reviewCount; r++) {
                reviews.add(new ReviewScore(id, "reviewer-" + r, Map.of("content", score)));
            }
            return this;
        }

        /** Proposals listed best first, three reviews each. */
        Program ranked(String track, String format, String... ids) {
            for (String id : ids) {
                add(id, track, format, 90 - proposals.size(), 3);
            }
            return this;
        }

        Ranking ranking() {
            return Ranker.rank(CRITERIA, proposals, reviews, RAW);
        }

        Selection select(SelectionRules rules) {
            return Selector.select(ranking(), speakers, rules);
        }
    }

    static ProposedDecision of(Selection selection, String id) {
        return selection.decisions().stream().filter(d -> d.proposalId().equals(id)).findFirst().orElseThrow();
    }

    static void assertDecision(Selection selection, String id, Outcome outcome, Reason reason) {
        ProposedDecision decision = of(selection, id);
        assertEquals(outcome, decision.outcome(), id);
        assertEquals(reason, decision.reason(), id);
    }

    static List<String> ids(List<ProposedDecision> decisions) {
        return decisions.stream().map(ProposedDecision::proposalId).toList();
    }

    @Test
    void capacitiesPerTrackAndPerFormatHoldAtOnce() {
        Program program = new Program()
                .add("legal-panel-1", "legal", "panel", 99, 3)
                .add("legal-panel-2", "legal", "panel", 98, 3)
                .add("ospo-panel-1", "ospo", "panel", 97, 3)
                .add("legal-talk-1", "legal", "talk", 96, 3)
                .add("ospo-talk-1", "ospo", "talk", 95, 3)
                .add("ospo-talk-2", "ospo", "talk", 94, 3)
                .add("legal-talk-2", "legal", "talk", 93, 3)
                .add("ospo-talk-3", "ospo", "talk", 92, 3)
                .add("legal-talk-3", "legal", "talk", 91, 3);
        Selection selection = program.select(SelectionRules.builder()
                .track("legal", 2).track("ospo", 2).format("panel", 1).format("talk", 10).build());

        assertEquals(List.of("legal-panel-1", "legal-talk-1", "ospo-talk-1", "ospo-talk-2"),
                ids(selection.with(Outcome.ACCEPT)));
        assertDecision(selection, "legal-panel-2", Outcome.WAITLIST, Reason.FORMAT_FULL);
        assertDecision(selection, "ospo-panel-1", Outcome.WAITLIST, Reason.FORMAT_FULL);
        assertDecision(selection, "legal-talk-2", Outcome.WAITLIST, Reason.TRACK_FULL);
        assertDecision(selection, "ospo-talk-3", Outcome.WAITLIST, Reason.TRACK_FULL);
        // The legal waitlist (2 places, the track's capacity) is full.
        assertDecision(selection, "legal-talk-3", Outcome.REJECT, Reason.WAITLIST_FULL);

        assertEquals(new Usage(2, 2), selection.tracks().get("legal"));
        assertEquals(new Usage(1, 1), selection.formats().get("panel"));
        assertEquals(new Usage(3, 10), selection.formats().get("talk"));
        assertEquals(List.of("legal-panel-2", "legal-talk-2"), selection.waitlists().get("legal"));
        assertEquals(List.of("ospo-panel-1", "ospo-talk-3"), selection.waitlists().get("ospo"));
        assertTrue(selection.warnings().isEmpty(), selection.warnings().toString());
    }

    @Test
    void aFullFormatSkipsAProposalWithoutStoppingTheFill() {
        Program program = new Program().ranked("legal", "panel", "panel-1", "panel-2").ranked("legal", "talk", "talk-1");
        Selection selection = program.select(SelectionRules.builder().track("legal", 3).format("panel", 1).build());
        assertEquals(List.of("panel-1", "talk-1"), ids(selection.with(Outcome.ACCEPT)));
        assertDecision(selection, "panel-2", Outcome.WAITLIST, Reason.FORMAT_FULL);
        assertTrue(selection.warnings().contains("format talk has no capacity: not limited by format"),
                selection.warnings().toString());
    }

    @Test
    void perSpeakerCapCountsEverySpeakerOfAProposal() {
        Program program = new Program()
                .add("ada-1", "legal", "talk", 99, 3, "ada@example.com")
                .add("ada-2", "legal", "talk", 98, 3, "ada@example.com")
                .add("ada-and-bob", "legal", "debate", 97, 3, "bob@example.com", "ada@example.com")
                .add("bob-1", "legal", "talk", 96, 3, "bob@example.com")
                .add("bob-2", "legal", "talk", 95, 3, "bob@example.com");
        Selection selection = program.select(SelectionRules.builder().track("legal", 10).maxAcceptedPerSpeaker(1).build());

        assertEquals(List.of("ada-1", "bob-1"), ids(selection.with(Outcome.ACCEPT)));
        assertDecision(selection, "ada-2", Outcome.WAITLIST, Reason.SPEAKER_CAP);
        assertDecision(selection, "ada-and-bob", Outcome.WAITLIST, Reason.SPEAKER_CAP);
        assertDecision(selection, "bob-2", Outcome.WAITLIST, Reason.SPEAKER_CAP);

        Selection uncapped = program.select(SelectionRules.builder().track("legal", 10).build());
        assertEquals(5, uncapped.with(Outcome.ACCEPT).size());
    }

    @Test
    void pinnedAcceptsTakeTheirPlacesFirstAndSelectionWorksAroundThePins() {
        Program program = new Program().ranked("legal", "talk", "p1", "p2", "p3", "p4", "p5", "p6", "p7");
        Selection selection = program.select(SelectionRules.builder().track("legal", 2).waitlistLength(2)
                .pin("p6", Pin.ACCEPT).pin("p1", Pin.REJECT).pin("p7", Pin.WAITLIST).build());

        assertDecision(selection, "p6", Outcome.ACCEPT, Reason.PINNED);
        assertTrue(of(selection, "p6").pinned());
        assertDecision(selection, "p1", Outcome.REJECT, Reason.PINNED);
        // One place is left after the pinned accept: the best unpinned proposal gets it.
        assertDecision(selection, "p2", Outcome.ACCEPT, Reason.FITS);
        // The pinned waitlist entry holds one of the two places, and the waitlist stays in ranking order.
        assertEquals(List.of("p3", "p7"), selection.waitlists().get("legal"));
        assertEquals(1, of(selection, "p3").waitlistPosition());
        assertEquals(2, of(selection, "p7").waitlistPosition());
        assertDecision(selection, "p7", Outcome.WAITLIST, Reason.PINNED);
        assertDecision(selection, "p4", Outcome.REJECT, Reason.WAITLIST_FULL);
        assertDecision(selection, "p5", Outcome.REJECT, Reason.WAITLIST_FULL);
    }

    @Test
    void aPinnedAcceptBeyondCapacityIsHonouredAndWarned() {
        Program program = new Program().ranked("legal", "talk", "p1", "p2", "p3");
        Selection selection = program.select(SelectionRules.builder().track("legal", 1)
                .pin("p2", Pin.ACCEPT).pin("p3", Pin.ACCEPT).build());
        assertEquals(List.of("p2", "p3"), ids(selection.with(Outcome.ACCEPT)));
        assertTrue(selection.tracks().get("legal").over());
        assertEquals(1, selection.warnings().size());
        assertTrue(selection.warnings().get(0).contains("p3"), selection.warnings().toString());
        assertDecision(selection, "p1", Outcome.WAITLIST, Reason.TRACK_FULL);
    }

    @Test
    void tiesGoToMoreReviewsThenLowerSpreadThenProposalId() {
        Program program = new Program()
                .add("b-three-reviews", "legal", "talk", 80, 3)
                .add("a-three-reviews", "legal", "talk", 80, 3)
                .add("four-reviews", "legal", "talk", 80, 4);
        // Same mean (80) as the others, but two reviewers disagree: 60 and 100.
        program.proposals.add(new ProposalRef("split", "legal", "talk", Set.of()));
        program.reviews.add(new ReviewScore("split", "reviewer-0", Map.of("content", 60)));
        program.reviews.add(new ReviewScore("split", "reviewer-1", Map.of("content", 100)));
        program.reviews.add(new ReviewScore("split", "reviewer-2", Map.of("content", 80)));
        program.reviews.add(new ReviewScore("split", "reviewer-3", Map.of("content", 80)));

        Selection selection = program.select(SelectionRules.builder().track("legal", 2).waitlistLength(1).build());
        assertEquals(List.of("four-reviews", "split"), ids(selection.with(Outcome.ACCEPT)));
        assertEquals(List.of("a-three-reviews"), selection.waitlists().get("legal"));
        assertDecision(selection, "b-three-reviews", Outcome.REJECT, Reason.WAITLIST_FULL);
        assertEquals(List.of("four-reviews", "split", "a-three-reviews", "b-three-reviews"), ids(selection.decisions()));
    }

    @Test
    void proposalsWithTooFewReviewsAreReportedNotDecided() {
        Program program = new Program()
                .add("two-reviews", "legal", "talk", 99, 2)
                .add("none", "legal", "talk", 0, 0)
                .add("three-reviews", "legal", "talk", 50, 3)
                .add("pinned-with-two", "legal", "talk", 40, 2);
        Selection selection = program.select(SelectionRules.builder().track("legal", 1).requiredReviews(3)
                .pin("pinned-with-two", Pin.WAITLIST).build());

        assertDecision(selection, "two-reviews", Outcome.TOO_FEW_REVIEWS, Reason.TOO_FEW_REVIEWS);
        assertDecision(selection, "none", Outcome.TOO_FEW_REVIEWS, Reason.TOO_FEW_REVIEWS);
        assertNull(of(selection, "none").rank());
        // The best-scored proposal did not take the place: the one with enough reviews did.
        assertDecision(selection, "three-reviews", Outcome.ACCEPT, Reason.FITS);
        // An organizer's pin counts even without enough reviews.
        assertDecision(selection, "pinned-with-two", Outcome.WAITLIST, Reason.PINNED);
        assertEquals(4, selection.decisions().size());
    }

    @Test
    void waitlistIsOrderedByRankPerTrackAndItsLengthIsConfigurable() {
        Program program = new Program().ranked("legal", "talk", "l1", "l2", "l3", "l4", "l5")
                .ranked("ospo", "talk", "o1", "o2", "o3");
        Selection byDefault = program.select(SelectionRules.builder().track("legal", 2).track("ospo", 1).build());
        assertEquals(List.of("l3", "l4"), byDefault.waitlists().get("legal"));
        assertEquals(List.of("o2"), byDefault.waitlists().get("ospo"));
        assertEquals(2, of(byDefault, "l4").waitlistPosition());
        assertEquals(Outcome.REJECT, of(byDefault, "l5").outcome());
        assertEquals(Outcome.REJECT, of(byDefault, "o3").outcome());

        Selection longer = program.select(SelectionRules.builder().track("legal", 2).track("ospo", 1).waitlistLength(3).build());
        assertEquals(List.of("l3", "l4", "l5"), longer.waitlists().get("legal"));
        assertEquals(List.of("o2", "o3"), longer.waitlists().get("ospo"));

        Selection none = program.select(SelectionRules.builder().track("legal", 2).track("ospo", 1).waitlistLength(0).build());
        assertTrue(none.waitlists().isEmpty());
        assertEquals(5, none.with(Outcome.REJECT).size());
    }

    @Test
    void selectionIsDeterministicWhateverTheInputOrder() {
        Program program = new Program();
        for (int i = 0; i < 40; i++) {
            program.add("p" + i, i % 2 == 0 ? "legal" : "ospo", i % 3 == 0 ? "panel" : "talk", 50 + i % 7, 3,
                    "speaker" + i % 5);
        }
        SelectionRules rules = SelectionRules.builder().track("legal", 5).track("ospo", 5).format("panel", 3)
                .format("talk", 20).maxAcceptedPerSpeaker(2).build();
        Selection first = program.select(rules);

        Program shuffled = new Program();
        shuffled.proposals.addAll(program.proposals);
        shuffled.reviews.addAll(program.reviews);
        shuffled.speakers.putAll(program.speakers);
        Collections.shuffle(shuffled.proposals, new Random(7));
        Collections.shuffle(shuffled.reviews, new Random(11));
        assertEquals(first, shuffled.select(rules));
    }

    @Test
    void rulesNeedACapacity() {
        assertThrows(IllegalArgumentException.class, () -> SelectionRules.builder().build());
        assertThrows(IllegalArgumentException.class, () -> SelectionRules.builder().track("legal", -1).build());
        assertFalse(SelectionRules.builder().format("talk", 0).build().formatCapacity().isEmpty());
    }
}
