package dev.lectern.e2e.fault;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How big a run is. The short form (the defaults) runs in CI; the long form is the same harness with more
 * operations, its fault schedule repeated until they are done ({@code deploy/fault/run.sh}).
 *
 * @param operations              API operations the clients do at least (each fault schedule also runs to its end)
 * @param clients                 client threads, each driving its own CFP rounds
 * @param kafkaOutage             how long the broker stays stopped
 * @param operationsBetweenFaults operations the load must do between two faults
 * @param malformedSets           sets of malformed messages (13 messages each) per burst
 * @param report                  where the figures are written (Markdown)
 */
record FaultConfig(long operations, int clients, Duration kafkaOutage, long operationsBetweenFaults, int malformedSets,
                   Path report) {

    static FaultConfig fromSystemProperties(Path defaultReport) {
        return new FaultConfig(
                Long.getLong("lectern.fault.operations", 250),
                Integer.getInteger("lectern.fault.clients", 4),
                Duration.ofSeconds(Long.getLong("lectern.fault.kafka-outage-seconds", 10)),
                Long.getLong("lectern.fault.operations-between-faults", 30),
                Integer.getInteger("lectern.fault.malformed-sets", 2),
                Path.of(System.getProperty("lectern.fault.report", defaultReport.toString())));
    }
}
