package dev.lectern.e2e.fault;

import dev.lectern.e2e.Stack;
import dev.lectern.infra.ServiceProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * The fault suite: the whole stack (PostgreSQL, a Kafka broker process, two instances of each service),
 * client threads driving CFP rounds through the API, and a fault schedule run by real process control
 * meanwhile. When the load and the faults are done and the system has settled, {@link Checks} compares
 * what the clients were told with what the system holds.
 */
final class FaultHarness {

    /** What a run found. */
    record Result(List<Checks.Count> counts, long operations, long rounds, List<String> failedRounds,
                  List<Faults.Injected> faults, Duration total, Duration load, Duration settleAfterLastFault,
                  Duration settleAfterLoad) {
    }

    /** A service starts in seconds on a quiet machine, in a minute or more when builds run beside it. */
    static final Duration READY_WITHIN = Duration.ofMinutes(4);

    private FaultHarness() {
    }

    static Result run(FaultConfig config) throws Exception {
        Instant begin = Instant.now();
        Stack stack = Stack.get();
        stack.kafka.start();
        List<ServiceProcess> submissions = List.of(stack.submission(), stack.submission());
        List<ServiceProcess> reviews = List.of(stack.review(), stack.review());
        try {
            startAll(List.of(submissions.get(0), submissions.get(1), reviews.get(0), reviews.get(1)));
            return drive(config, stack, submissions, reviews, begin);
        } finally {
            // also after a failed start: no service may outlive the run
            submissions.forEach(ServiceProcess::stop);
            reviews.forEach(ServiceProcess::stop);
        }
    }

    private static Result drive(FaultConfig config, Stack stack, List<ServiceProcess> submissions,
                                List<ServiceProcess> reviews, Instant begin) throws Exception {
        Client submission = new Client(submissions, Duration.ofMinutes(3));
        Client review = new Client(reviews, Duration.ofMinutes(3));
        Map<String, String> tokens = new ConcurrentHashMap<>();
        String organizer = stack.bearer("organizer@fault.test", "organizer");
        Ledger ledger = new Ledger();
        MalformedBurst malformed = new MalformedBurst(stack.kafka.bootstrapServers());
        Faults faults = new Faults(stack, submissions, reviews, malformed, config, ledger.operations::get);
        String run = "fault-" + UUID.randomUUID().toString().substring(0, 6);

        AtomicBoolean faultsDone = new AtomicBoolean();
        AtomicInteger roundNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(config.clients() + 1);
        Instant loadStart = Instant.now();
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < config.clients(); c++) {
            clients.add(pool.submit(() -> {
                while (!(faultsDone.get() && ledger.operations.get() >= config.operations())) {
                    String slug = run + "-" + roundNumber.incrementAndGet();
                    try {
                        new Round(slug, submission, review, ledger, organizer,
                                email -> tokens.computeIfAbsent(email, e -> stack.bearer(e, "speaker")),
                                subject -> tokens.computeIfAbsent(subject, s -> stack.bearer(s, "reviewer"))).run();
                        System.out.printf("fault suite: round %s done, %d operations so far%n", slug, ledger.operations.get());
                    } catch (RuntimeException e) {
                        ledger.failedRounds.add(slug + ": " + e);
                        System.err.println("round " + slug + " failed: " + e);
                    }
                }
            }));
        }
        Future<Instant> schedule = pool.submit(() -> {
            try {
                do {
                    faults.runSchedule();
                } while (ledger.operations.get() < config.operations());
                return Instant.now();
            } finally {
                faultsDone.set(true);
            }
        });
        Instant lastFaultEnd = schedule.get();
        for (Future<?> client : clients) {
            client.get();
        }
        pool.shutdown();
        Instant loadEnd = Instant.now();

        Checks checks = new Checks(stack, ledger, malformed);
        boolean settledInTime = true;
        try {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(checks::settled);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // Count what is wrong rather than stop here: the table says what never converged.
            settledInTime = false;
        }
        Instant settled = Instant.now();
        List<Checks.Count> counts = new ArrayList<>(checks.run());
        counts.add(new Checks.Count("rounds that did not finish", ledger.failedRounds.size(), true));
        counts.add(new Checks.Count("system not settled 5 minutes after the load (times below are then that limit)",
                settledInTime ? 0 : 1, true));
        Instant end = Instant.now();

        Result result = new Result(counts, ledger.operations.get(), ledger.rounds.get(), List.copyOf(ledger.failedRounds),
                List.copyOf(faults.injected), Duration.between(begin, end), Duration.between(loadStart, loadEnd),
                Duration.between(lastFaultEnd, settled), Duration.between(loadEnd, settled));
        String report = Report.markdown(config, result, ledger);
        Files.createDirectories(config.report().toAbsolutePath().getParent());
        Files.writeString(config.report(), report);
        System.out.println(report);
        return result;
    }

    private static void startAll(List<ServiceProcess> services) throws Exception {
        ExecutorService starting = Executors.newFixedThreadPool(services.size());
        List<Future<ServiceProcess>> started = new ArrayList<>();
        for (ServiceProcess service : services) {
            started.add(starting.submit(() -> service.start(READY_WITHIN)));
        }
        for (Future<ServiceProcess> future : started) {
            future.get();
        }
        starting.shutdown();
    }

    static Path defaultReport() {
        return Path.of(System.getProperty("lectern.root", "../..")).toAbsolutePath().normalize()
                .resolve("deploy/e2e/target/fault-report.md");
    }
}
