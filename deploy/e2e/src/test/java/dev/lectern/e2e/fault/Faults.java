package dev.lectern.e2e.fault;

import dev.lectern.e2e.Stack;
import dev.lectern.infra.ServiceProcess;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

import static org.awaitility.Awaitility.await;

/**
 * The faults, by real process control, one after another while the load runs. Between two faults the
 * load must have done a given number of operations, so every fault meets traffic.
 */
final class Faults {

    /** One fault: what, and from when it began until the system was whole again (restarted, reachable). */
    record Injected(String what, Instant start, Instant end) {
        Duration duration() {
            return Duration.between(start, end);
        }
    }

    final Queue<Injected> injected = new ConcurrentLinkedQueue<>();
    private final Stack stack;
    private final List<ServiceProcess> submissions;
    private final List<ServiceProcess> reviews;
    private final MalformedBurst malformed;
    private final FaultConfig config;
    private final LongSupplier operations;

    Faults(Stack stack, List<ServiceProcess> submissions, List<ServiceProcess> reviews, MalformedBurst malformed,
           FaultConfig config, LongSupplier operations) {
        this.stack = stack;
        this.submissions = submissions;
        this.reviews = reviews;
        this.malformed = malformed;
        this.config = config;
        this.operations = operations;
    }

    /**
     * The schedule, once: each kind of fault, review-service killed twice (each instance once). The long
     * form runs it again and again until its operations are done.
     */
    void runSchedule() {
        loadBetween();
        kill(reviews.get(0));
        loadBetween();
        kill(submissions.get(0));
        loadBetween();
        kafkaOutage();
        loadBetween();
        postgresRestart();
        loadBetween();
        malformedBurst();
        loadBetween();
        kill(reviews.get(1));
    }

    /** SIGKILL, then a start on the same port; the other instance carries the load meanwhile. */
    private void kill(ServiceProcess service) {
        Instant start = begin("kill -9 " + service.name());
        service.kill();
        service.start(FaultHarness.READY_WITHIN);
        injected.add(new Injected("kill -9 " + service.name() + ", restarted", start, Instant.now()));
    }

    private void kafkaOutage() {
        Instant start = begin("Kafka broker stop");
        stack.kafka.stop();
        try {
            // The outage is the fault itself: a fixed time with the broker away, not a wait for a condition.
            Thread.sleep(config.kafkaOutage().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stack.kafka.start();
        }
        injected.add(new Injected("Kafka broker stopped " + config.kafkaOutage().toSeconds() + " s, restarted", start,
                Instant.now()));
    }

    private void postgresRestart() {
        Instant start = begin("PostgreSQL restart");
        stack.postgres.restart();
        injected.add(new Injected("PostgreSQL restarted (fast shutdown, same data directory)", start, Instant.now()));
    }

    private void malformedBurst() {
        Instant start = begin("malformed burst");
        int count = malformed.write(config.malformedSets());
        injected.add(new Injected(count + " malformed messages on cfp.proposals, cfp.events, cfp.decisions", start,
                Instant.now()));
    }

    private Instant begin(String fault) {
        System.out.printf("fault suite: %s after %d operations%n", fault, operations.getAsLong());
        return Instant.now();
    }

    private void loadBetween() {
        long mark = operations.getAsLong();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> operations.getAsLong() >= mark + config.operationsBetweenFaults());
    }
}
