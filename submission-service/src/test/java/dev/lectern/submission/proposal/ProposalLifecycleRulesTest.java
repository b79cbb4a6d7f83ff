package dev.lectern.submission.proposal;

import dev.lectern.submission.proposal.ProposalLifecycle.Step;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every (status, step) cell of {@link ProposalLifecycle}, against the table of docs/api.md written out here by
 * hand: the status a step leads to, "=" where it keeps the status (an edit), "-" where it is refused. Plain
 * Java; {@code ProposalLifecycleTest} runs the same matrix through the API.
 */
class ProposalLifecycleRulesTest {

    private static final List<Step> COLUMNS = List.of(Step.EDIT, Step.SUBMIT, Step.WITHDRAW, Step.ACCEPT,
            Step.WAITLIST, Step.REJECT, Step.CONFIRM, Step.DECLINE, Step.EXPIRE);

    /** One row per status, one column per step in {@link #COLUMNS}' order. */
    private static final String TABLE = """
            status      edit  submit     withdraw   accept    waitlist    reject    confirm    decline   expire
            DRAFT       =     SUBMITTED  WITHDRAWN  -         -           -         -          -         -
            SUBMITTED   =     -          WITHDRAWN  ACCEPTED  WAITLISTED  REJECTED  -          -         -
            ACCEPTED    -     -          WITHDRAWN  -         WAITLISTED  REJECTED  CONFIRMED  DECLINED  DECLINED
            WAITLISTED  -     -          -          ACCEPTED  -           REJECTED  -          -         -
            REJECTED    -     -          -          ACCEPTED  WAITLISTED  -         -          -         -
            CONFIRMED   -     -          WITHDRAWN  -         -           -         -          -         -
            DECLINED    -     -          -          -         -           -         -          -         -
            WITHDRAWN   -     -          -          -         -           -         -          -         -
            """;

    private static Map<ProposalStatus, Map<Step, String>> expected() {
        Map<ProposalStatus, Map<Step, String>> table = new EnumMap<>(ProposalStatus.class);
        List<String> lines = new ArrayList<>(TABLE.lines().toList());
        lines.remove(0);
        for (String line : lines) {
            String[] cells = line.trim().split("\\s+");
            assertEquals(COLUMNS.size() + 1, cells.length, line);
            Map<Step, String> row = new EnumMap<>(Step.class);
            for (int i = 0; i < COLUMNS.size(); i++) {
                row.put(COLUMNS.get(i), cells[i + 1]);
            }
            table.put(ProposalStatus.valueOf(cells[0]), row);
        }
        return table;
    }

    @Test
    void everyStepFromEveryStatusIsAsTheTableSays() {
        Map<ProposalStatus, Map<Step, String>> table = expected();
        assertEquals(ProposalStatus.values().length, table.size(), "a row per status");
        assertTrue(COLUMNS.containsAll(List.of(Step.values())), "a column per step");
        int cells = 0;
        for (ProposalStatus from : ProposalStatus.values()) {
            for (Step step : Step.values()) {
                String cell = table.get(from).get(step);
                Optional<ProposalStatus> next = ProposalLifecycle.next(from, step);
                String what = step.label() + " from " + from;
                switch (cell) {
                    case "-" -> assertEquals(Optional.empty(), next, what);
                    case "=" -> assertEquals(Optional.of(from), next, what);
                    default -> assertEquals(Optional.of(ProposalStatus.valueOf(cell)), next, what);
                }
                assertEquals(!cell.equals("-"), ProposalLifecycle.allowed(from, step), what);
                cells++;
            }
        }
        assertEquals(72, cells);
    }

    @Test
    void aDecisionAProposalAlreadyCarriesIsNotARefusal() {
        Map<Step, ProposalStatus> decides = Map.of(Step.ACCEPT, ProposalStatus.ACCEPTED,
                Step.WAITLIST, ProposalStatus.WAITLISTED, Step.REJECT, ProposalStatus.REJECTED);
        for (ProposalStatus status : ProposalStatus.values()) {
            for (Step step : Step.values()) {
                assertEquals(decides.get(step) == status, ProposalLifecycle.carries(status, step), step + " on " + status);
            }
        }
    }

    @Test
    void noDecisionChangesAProposalThatIsFinalForSelection() {
        for (ProposalStatus status : ProposalStatus.values()) {
            boolean anyDecision = ProposalLifecycle.allowed(status, Step.ACCEPT)
                    || ProposalLifecycle.allowed(status, Step.WAITLIST) || ProposalLifecycle.allowed(status, Step.REJECT);
            boolean decidable = status == ProposalStatus.SUBMITTED || status == ProposalStatus.ACCEPTED
                    || status == ProposalStatus.WAITLISTED || status == ProposalStatus.REJECTED;
            assertEquals(decidable, anyDecision, status.name());
            assertEquals(List.of(ProposalStatus.CONFIRMED, ProposalStatus.DECLINED, ProposalStatus.WITHDRAWN)
                    .contains(status), ProposalLifecycle.finalForSelection(status), status.name());
        }
    }
}
