package dev.lectern.review.selection;

import dev.lectern.review.projection.ProposalStatus;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.lectern.review.projection.ProposalStatus.ACCEPTED;
import static dev.lectern.review.projection.ProposalStatus.CONFIRMED;
import static dev.lectern.review.projection.ProposalStatus.DECLINED;
import static dev.lectern.review.projection.ProposalStatus.REJECTED;
import static dev.lectern.review.projection.ProposalStatus.WAITLISTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Selection run again after decisions went out: it starts from what submission-service applied. */
class ReselectionTest {

    private static SelectorTest.Program sixInOneTrack() {
        return new SelectorTest.Program().ranked("legal", "talk", "p1", "p2", "p3", "p4", "p5", "p6");
    }

    private static Map<String, Standing> standing(Object... pairs) {
        Map<String, Standing> standing = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object what = pairs[i + 1];
            standing.put((String) pairs[i], what instanceof Standing s ? s : new Standing((ProposalStatus) what, null));
        }
        return standing;
    }

    private static Standing waitlisted(int position) {
        return new Standing(WAITLISTED, position);
    }

    private static ProposedDecision of(Selection selection, String id) {
        return selection.decisions().stream().filter(d -> d.proposalId().equals(id)).findFirst().orElse(null);
    }

    @Test
    void aFreedPlaceGoesToTheWaitlistInItsOrderBeforeTheRanking() {
        SelectorTest.Program program = sixInOneTrack();
        // p1 confirmed, p2 declined (its place is free), p4 and p3 waitlisted in that order, p5 and p6 rejected.
        Map<String, Standing> now = standing("p1", CONFIRMED, "p2", DECLINED, "p4", waitlisted(1), "p3", waitlisted(2),
                "p5", REJECTED, "p6", REJECTED);
        Selection again = Selector.select(program.ranking(), program.speakers,
                SelectionRules.builder().track("legal", 2).waitlistLength(2).build(), now);

        assertEquals(Reason.CONFIRMED, of(again, "p1").reason());
        assertNull(of(again, "p2"), "a declined proposal is not part of the program");
        assertEquals(Outcome.ACCEPT, of(again, "p4").outcome(), "the waitlist's first, though p3 ranks higher");
        assertEquals(Reason.FROM_WAITLIST, of(again, "p4").reason());
        assertEquals(List.of("p3", "p5"), again.waitlists().get("legal"), "p3 keeps its place ahead of new entries");
        assertEquals(Outcome.REJECT, of(again, "p6").outcome());
        assertEquals(2, again.tracks().get("legal").accepted());
    }

    @Test
    void aRaisedCapacityLiftsARejectedProposalAfterTheWaitlist() {
        SelectorTest.Program program = sixInOneTrack();
        Map<String, Standing> now = standing("p1", ACCEPTED, "p2", waitlisted(1), "p3", REJECTED, "p4", REJECTED,
                "p5", REJECTED, "p6", REJECTED);
        Selection again = Selector.select(program.ranking(), program.speakers,
                SelectionRules.builder().track("legal", 3).waitlistLength(1).build(), now);
        assertEquals(Reason.KEPT, of(again, "p1").reason());
        assertEquals(Reason.FROM_WAITLIST, of(again, "p2").reason());
        assertEquals(Reason.FITS, of(again, "p3").reason(), "REJECTED may become ACCEPTED until its speaker answers");
        assertEquals(List.of("p4"), again.waitlists().get("legal"));
    }

    @Test
    void aReRunNeverTakesAnOfferBackByItselfAndWarnsOfTheCapacity() {
        SelectorTest.Program program = sixInOneTrack();
        Map<String, Standing> now = standing("p1", ACCEPTED, "p2", ACCEPTED, "p3", CONFIRMED);
        Selection again = Selector.select(program.ranking(), program.speakers,
                SelectionRules.builder().track("legal", 2).waitlistLength(0).build(), now);
        assertEquals(3, again.with(Outcome.ACCEPT).size());
        assertTrue(again.tracks().get("legal").over());
        assertTrue(again.warnings().stream().anyMatch(w -> w.contains("kept beyond a capacity")), again.warnings().toString());
    }

    @Test
    void aPinThatTheLifecycleWouldRefuseIsAWarningNotADecision() {
        SelectorTest.Program program = sixInOneTrack();
        Map<String, Standing> now = standing("p1", CONFIRMED, "p2", ACCEPTED);
        Selection again = Selector.select(program.ranking(), program.speakers, SelectionRules.builder().track("legal", 2)
                .pin("p1", Pin.REJECT).pin("p2", Pin.WAITLIST).build(), now);
        assertEquals(Outcome.ACCEPT, of(again, "p1").outcome(), "CONFIRMED is final for selection");
        assertTrue(again.warnings().stream().anyMatch(w -> w.contains("p1") && w.contains("final for selection")),
                again.warnings().toString());
        assertEquals(Outcome.WAITLIST, of(again, "p2").outcome(), "an unanswered acceptance may be taken back by a pin");
        assertEquals(Outcome.ACCEPT, of(again, "p3").outcome(), "p2's place went to the next");
    }

    @Test
    void everyProposedDecisionIsOneTheLifecycleAllows() {
        SelectorTest.Program program = sixInOneTrack();
        ProposalStatus[] statuses = {CONFIRMED, ACCEPTED, WAITLISTED, REJECTED, ProposalStatus.SUBMITTED};
        java.util.Random random = new java.util.Random(23);
        for (int round = 0; round < 200; round++) {
            Map<String, Standing> now = new HashMap<>();
            for (int i = 1; i <= 6; i++) {
                ProposalStatus status = statuses[random.nextInt(statuses.length)];
                now.put("p" + i, new Standing(status, status == WAITLISTED ? random.nextInt(3) + 1 : null));
            }
            SelectionRules.Builder rules = SelectionRules.builder().track("legal", random.nextInt(4))
                    .waitlistLength(random.nextInt(3));
            if (random.nextBoolean()) {
                rules.pin("p" + (1 + random.nextInt(6)), Pin.values()[random.nextInt(3)]);
            }
            Selection again = Selector.select(program.ranking(), program.speakers, rules.build(), now);
            for (ProposedDecision d : again.decisions()) {
                ProposalStatus from = now.get(d.proposalId()).status();
                ProposalStatus to = switch (d.outcome()) {
                    case ACCEPT -> ACCEPTED;
                    case WAITLIST -> WAITLISTED;
                    case REJECT -> REJECTED;
                    case TOO_FEW_REVIEWS -> null;
                };
                if (to != null && !from.agreesWith(to)) {
                    assertTrue(from.mayBecome(to) && !from.finalForSelection(), from + " -> " + to + " in round " + round);
                }
            }
        }
    }
}
