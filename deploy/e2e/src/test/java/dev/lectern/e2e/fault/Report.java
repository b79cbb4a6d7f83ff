package dev.lectern.e2e.fault;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/** The run's figures as Markdown: the machine, the settings, the faults, the counts. */
final class Report {

    private Report() {
    }

    static String markdown(FaultConfig config, FaultHarness.Result result, Ledger ledger) {
        StringBuilder out = new StringBuilder();
        out.append("Run ").append(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(" on ").append(machine()).append(".\n\n");
        out.append("Settings: at least ").append(config.operations()).append(" operations from ").append(config.clients())
                .append(" client threads; ").append(config.operationsBetweenFaults()).append(" operations between faults; Kafka down ")
                .append(config.kafkaOutage().toSeconds()).append(" s per outage; ").append(config.malformedSets() * 13)
                .append(" malformed messages per burst.\n\n");
        out.append("| figure | value |\n|---|---|\n");
        out.append("| API operations (logical requests, retries not counted) | ").append(result.operations()).append(" |\n");
        out.append("| CFP rounds completed (each: event, 10 proposals, reviews, selection, decisions, confirmations) | ")
                .append(result.rounds()).append(" |\n");
        out.append("| client retries (after a refused or reset connection, a timeout or a 5xx) | ").append(Client.RETRIES.get())
                .append(" (connection errors ").append(Client.CONNECTION_ERRORS.get()).append(", 5xx ")
                .append(Client.SERVER_ERRORS.get()).append(") |\n");
        out.append("| retried writes found applied without their 2xx | ").append(ledger.appliedWithoutAck.get()).append(" |\n");
        out.append("| faults injected | ").append(result.faults().size()).append(" |\n");
        out.append("| load duration | ").append(seconds(result.load())).append(" |\n");
        out.append("| time to settle after the last fault (load still running part of it) | ")
                .append(seconds(result.settleAfterLastFault())).append(" |\n");
        out.append("| time to settle after the load stopped | ").append(seconds(result.settleAfterLoad())).append(" |\n");
        out.append("| whole run (start of the stack to the last check) | ").append(seconds(result.total())).append(" |\n\n");
        out.append("| check | count | must be |\n|---|---|---|\n");
        for (Checks.Count count : result.counts()) {
            out.append("| ").append(count.what()).append(" | ").append(count.value()).append(" | ")
                    .append(count.mustBeZero() ? "0" : "").append(" |\n");
        }
        out.append("\nFaults, in order (from the fault to the restarted process being ready):\n\n");
        out.append(result.faults().stream().collect(Collectors.groupingBy(Faults.Injected::what,
                        java.util.LinkedHashMap::new, Collectors.toList())).entrySet().stream()
                .map(e -> "- " + e.getKey() + ": " + e.getValue().size() + "×, " + e.getValue().stream()
                        .map(f -> seconds(f.duration())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n")));
        out.append("\n");
        if (!result.failedRounds().isEmpty()) {
            out.append("\nRounds that did not finish:\n\n");
            result.failedRounds().forEach(f -> out.append("- ").append(f).append('\n'));
        }
        return out.toString();
    }

    private static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        long memory = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : 0;
        String distribution = "";
        try {
            distribution = Files.readAllLines(Path.of("/etc/os-release")).stream().filter(l -> l.startsWith("PRETTY_NAME="))
                    .map(l -> l.substring(12).replace("\"", "") + ", ").findFirst().orElse("");
        } catch (Exception e) {
            // not Linux: the JVM's own description below says enough
        }
        return distribution + os.getName() + " " + os.getVersion() + ", " + os.getAvailableProcessors() + " cores, "
                + memory / (1L << 30) + " GB RAM, Java " + System.getProperty("java.version");
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
