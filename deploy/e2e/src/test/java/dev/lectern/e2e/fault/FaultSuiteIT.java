package dev.lectern.e2e.fault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault suite's short form: a few hundred operations of the whole flow while each fault happens once
 * (each review-service instance killed once, a submission-service instance killed once, Kafka stopped, PostgreSQL restarted,
 * malformed messages). The long form is {@code deploy/fault/run.sh}; see docs/reliability.md.
 */
class FaultSuiteIT {

    @Test
    void theWholeFlowUnderFaultsLosesNothingAppliesNothingTwiceAndKeepsOrder() throws Exception {
        FaultConfig config = FaultConfig.fromSystemProperties(FaultHarness.defaultReport());
        FaultHarness.Result result = FaultHarness.run(config);

        assertTrue(result.operations() >= config.operations(), "operations: " + result.operations());
        for (String fault : List.of("kill -9 review", "kill -9 submission", "Kafka broker stopped", "PostgreSQL restarted",
                "malformed messages")) {
            assertTrue(result.faults().stream().anyMatch(f -> f.what().contains(fault)), fault + " was injected");
        }
        List<Executable> zeros = result.counts().stream()
                .filter(Checks.Count::mustBeZero)
                .map(count -> (Executable) () -> assertEquals(0, count.value(), count.what()))
                .toList();
        assertAll(zeros);
    }
}
