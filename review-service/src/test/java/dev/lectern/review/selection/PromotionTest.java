package dev.lectern.review.selection;

import dev.lectern.review.ranking.ProposalRef;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromotionTest {

    static ProposalRef p(String id, String track, String format, String... speakers) {
        return new ProposalRef(id, track, format, Set.of(speakers));
    }

    static final SelectionRules RULES = SelectionRules.builder().track("legal", 2).track("ospo", 2)
            .format("panel", 1).maxAcceptedPerSpeaker(1).build();

    final ProposalRef legalTalk = p("legal-talk", "legal", "talk", "ada");
    final ProposalRef legalPanel = p("legal-panel", "legal", "panel", "bob");
    final ProposalRef ospoTalk = p("ospo-talk", "ospo", "talk", "cy");
    final List<ProposalRef> holding = List.of(legalTalk, legalPanel, ospoTalk);

    @Test
    void aDeclinedTalkGoesToTheFirstWaitlistedProposalThatFitsItsTrackAndFormat() {
        ProposalRef waitingPanel = p("waiting-panel", "legal", "panel", "dee");
        ProposalRef waitingTalk = p("waiting-talk", "legal", "talk", "eve");
        // The panel format is still full (legal-panel holds it), so the first entry is passed over.
        Optional<ProposalRef> promoted = Promotion.promote(RULES, holding, legalTalk, List.of(waitingPanel, waitingTalk));
        assertEquals(Optional.of(waitingTalk), promoted);
    }

    @Test
    void aDeclinedPanelFreesThePanelFormat() {
        ProposalRef waitingPanel = p("waiting-panel", "legal", "panel", "dee");
        ProposalRef waitingTalk = p("waiting-talk", "legal", "talk", "eve");
        assertEquals(Optional.of(waitingPanel),
                Promotion.promote(RULES, holding, legalPanel, List.of(waitingPanel, waitingTalk)));
    }

    @Test
    void onlyTheFreedTracksWaitlistIsConsidered() {
        ProposalRef ospoWaiting = p("ospo-waiting", "ospo", "talk", "fay");
        assertTrue(Promotion.promote(RULES, holding, legalTalk, List.of(ospoWaiting)).isEmpty());
    }

    @Test
    void theSpeakerCapHoldsOnPromotion() {
        // cy already holds a place in ospo; their second proposal waits behind the cap.
        ProposalRef cyAgain = p("cy-again", "legal", "talk", "cy");
        ProposalRef gus = p("gus", "legal", "talk", "gus");
        assertEquals(Optional.of(gus), Promotion.promote(RULES, holding, legalTalk, List.of(cyAgain, gus)));
        // The declining speaker's place is free: their other proposal may take it.
        ProposalRef adaAgain = p("ada-again", "legal", "talk", "ada");
        assertEquals(Optional.of(adaAgain), Promotion.promote(RULES, holding, legalTalk, List.of(adaAgain, gus)));
    }

    @Test
    void nothingFitsNothingIsPromoted() {
        assertTrue(Promotion.promote(RULES, holding, legalTalk, List.of()).isEmpty());
    }
}
