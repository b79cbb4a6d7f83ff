package dev.lectern.review;

import dev.lectern.review.projection.ProjectionService;
import dev.lectern.review.projection.ProposalChange;
import dev.lectern.review.projection.ProposalIdentity;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The waitlist moves the same whether review-service applies {@code cfp.proposals} one message at a time or a
 * poll at a time. A change that frees a place (a decline, a withdrawal) promotes from the waitlist as it stands
 * after every change before it in the batch and before none after it.
 */
@QuarkusTest
@Tag("slow") // about 20 s: left out of the fast lane (./mvnw test -Pfast), run by the full verify
class BatchPromotionTest {

    @Inject
    ProjectionService projection;

    @Inject
    EntityManager em;

    /** A step of the scenario: which proposal (track, place in its ranking), its new version and status. */
    record Step(String track, int index, long version, String status) {
    }

    /**
     * One place and two waitlist places per track. Around each decline comes a change that frees nothing but
     * decides who moves up. In legal, the first waitlisted proposal is rejected just before the accepted speaker
     * declines: the second moves up, then withdraws, and no one is left. In OSPO, the first waitlisted proposal
     * is accepted just after the decline: the decline must still promote it, and not the second.
     */
    private static final List<Step> SCENARIO = List.of(
            new Step(Program.OSPO, 3, 3, "REJECTED"),
            new Step(Program.LEGAL, 1, 3, "REJECTED"),
            new Step(Program.OSPO, 0, 3, "DECLINED"),
            new Step(Program.OSPO, 1, 3, "ACCEPTED"),
            new Step(Program.LEGAL, 0, 3, "DECLINED"),
            new Step(Program.LEGAL, 2, 3, "WITHDRAWN"),
            new Step(Program.OSPO, 3, 4, "REJECTED"));

    @Test
    void theWaitlistMovesTheSameWhetherMessagesComeOneByOneOrInABatch() {
        Program single = ready("promote-single");
        Program batched = ready("promote-batched");

        List<ProposalChange> one = scenario(single);
        for (ProposalChange change : one) {
            projection.applyProposal(change, "cfp.proposals");
        }
        projection.applyProposal(one.get(2), "cfp.proposals"); // a redelivered decline promotes no one else

        List<ProposalChange> many = scenario(batched);
        many.add(many.get(2));
        projection.applyProposals(many, "cfp.proposals");

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(Program.OSPO + "#0", "ACCEPTED released, content DECLINED v3, decisions sent 1");
        expected.put(Program.OSPO + "#1", "ACCEPTED, content ACCEPTED v3, decisions sent 2");
        expected.put(Program.OSPO + "#2", "WAITLISTED 2, content WAITLISTED v2, decisions sent 1");
        expected.put(Program.OSPO + "#3", "REJECTED, content REJECTED v4, decisions sent 1");
        expected.put(Program.LEGAL + "#0", "ACCEPTED released, content DECLINED v3, decisions sent 1");
        expected.put(Program.LEGAL + "#1", "WAITLISTED 1, content REJECTED v3, decisions sent 1");
        expected.put(Program.LEGAL + "#2", "ACCEPTED released, content WITHDRAWN v3, decisions sent 2");
        expected.put(Program.LEGAL + "#3", "REJECTED, content REJECTED v2, decisions sent 1");
        assertEquals(expected, state(single), "one message at a time");
        assertEquals(expected, state(batched), "a poll at a time");
    }

    /** Selected, published, and each decision applied by submission-service (version 2 of every proposal). */
    private Program ready(String prefix) {
        Program program = SelectionResourceTest.selectedAndPublished(prefix);
        List<String> statuses = List.of("ACCEPTED", "WAITLISTED", "WAITLISTED", "REJECTED");
        for (String track : List.of(Program.OSPO, Program.LEGAL)) {
            for (int i = 0; i < 4; i++) {
                projection.applyProposal(change(program, program.ids().get(track).get(i), 2, statuses.get(i)), "cfp.proposals");
            }
        }
        return program;
    }

    private static List<ProposalChange> scenario(Program program) {
        List<ProposalChange> changes = new ArrayList<>();
        for (Step step : SCENARIO) {
            changes.add(change(program, program.ids().get(step.track()).get(step.index()), step.version(), step.status()));
        }
        return changes;
    }

    private static ProposalChange change(Program program, String id, long version, String status) {
        Map<String, String> speaker = program.speakers().get(id);
        return new ProposalChange(UUID.randomUUID().toString(), UUID.fromString(id), version, status, program.slug(),
                program.titles().get(id), "我们如何建立开源项目办公室。How we built an OSPO.", null, "talk",
                program.tracks().get(id), "zh", List.of("compliance"),
                List.of(new ProposalIdentity.SpeakerIdentity(speaker.get("name"), speaker.get("email"),
                        speaker.get("affiliation"), null)), "notes for organizers");
    }

    /** Each proposal's decision, its content's status and version, and how many decisions were sent, by role. */
    private Map<String, String> state(Program program) {
        Map<String, String> state = new LinkedHashMap<>();
        for (String track : List.of(Program.OSPO, Program.LEGAL)) {
            List<String> ids = program.ids().get(track);
            for (int i = 0; i < ids.size(); i++) {
                Object[] row = (Object[]) em.createNativeQuery("SELECT d.decision, d.waitlist_position, d.released_at IS NOT NULL, "
                                + "c.status, c.version, (SELECT count(*) FROM outbox o WHERE o.aggregateid = ?2) "
                                + "FROM decision d JOIN proposal_content c ON c.id = d.proposal_id WHERE d.proposal_id = ?1")
                        .setParameter(1, UUID.fromString(ids.get(i)))
                        .setParameter(2, ids.get(i))
                        .getSingleResult();
                String decision = row[0] + (row[1] != null ? " " + row[1] : "") + (Boolean.TRUE.equals(row[2]) ? " released" : "");
                state.put(track + "#" + i, decision + ", content " + row[3] + " v" + row[4] + ", decisions sent " + row[5]);
            }
        }
        return state;
    }
}
