import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Submit-to-review latency: submits proposals to submission-service at a fixed rate (open loop: a slow
 * answer does not delay the next submission) and, for each 201, polls review-service's
 * {@code GET /api/events/{event}/proposals/{id}} until it answers 200. The latency is the time from the
 * 201 arriving to the first 200; its resolution is the poll interval (10 ms, then a tenth of the time
 * waited so far, so that a backlog is not made worse by the driver's own reads).
 *
 * <p>Run with the JDK alone: {@code java deploy/bench/SubmitToReview.java}. Settings come from the
 * environment: BENCH_SUBMISSION_URL, BENCH_REVIEW_URL, BENCH_EVENT, BENCH_TOKEN (speaker),
 * BENCH_ORGANIZER_TOKEN, BENCH_BODY (template with __TITLE__), BENCH_RATE [200], BENCH_SECONDS [25],
 * BENCH_POLL_MS [10], BENCH_IDS_OUT (optional: writes "id epoch-micros-of-the-201" per line).
 * Prints machine-readable "BENCH key=value" lines.
 */
public class SubmitToReview {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    record Done(String id, long createdEpochMicros, long submitNanos, long visibleNanos) {
    }

    public static void main(String[] args) throws Exception {
        String submissionUrl = env("BENCH_SUBMISSION_URL", "http://localhost:8080");
        String reviewUrl = env("BENCH_REVIEW_URL", "http://localhost:8081");
        String event = env("BENCH_EVENT", null);
        String token = env("BENCH_TOKEN", null);
        String organizerToken = env("BENCH_ORGANIZER_TOKEN", null);
        String template = Files.readString(Path.of(env("BENCH_BODY", null)), StandardCharsets.UTF_8).strip();
        int rate = Integer.parseInt(env("BENCH_RATE", "200"));
        int seconds = Integer.parseInt(env("BENCH_SECONDS", "25"));
        long pollMs = Long.parseLong(env("BENCH_POLL_MS", "10"));
        String idsOut = System.getenv("BENCH_IDS_OUT");

        int total = rate * seconds;
        // At most 64 submissions in flight and 64 waiting: a service that cannot keep up is reported as such
        // (skipped submissions, a lower achieved rate) instead of an ever-growing queue inside the driver.
        java.util.concurrent.ThreadPoolExecutor submitters = new java.util.concurrent.ThreadPoolExecutor(64, 64,
                0, TimeUnit.SECONDS, new java.util.concurrent.ArrayBlockingQueue<>(64));
        ScheduledExecutorService pollers = Executors.newScheduledThreadPool(16);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI submitUri = URI.create(submissionUrl + "/api/events/" + event + "/proposals");

        ConcurrentLinkedQueue<Done> done = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger missing = new AtomicInteger();
        AtomicInteger polls = new AtomicInteger();
        AtomicInteger lateStarts = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(total);
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;

        for (int i = 0; i < total; i++) {
            long due = start + i * periodNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            final int n = i;
            try {
              submitters.execute(() -> {
                if (System.nanoTime() - due > 20_000_000L) {
                    lateStarts.incrementAndGet();
                }
                String title = "提交到评审延迟 Submit-to-review latency #" + n;
                String body = template.replace("__TITLE__", title);
                long sent = System.nanoTime();
                try {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(submitUri)
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .timeout(Duration.ofSeconds(30))
                                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    long created = System.nanoTime();
                    long createdEpochMicros = epochMicros();
                    Matcher matcher = ID.matcher(response.body());
                    if (response.statusCode() != 201 || !matcher.find()) {
                        failed.incrementAndGet();
                        finished.countDown();
                        return;
                    }
                    String id = matcher.group(1);
                    URI readUri = URI.create(reviewUrl + "/api/events/" + event + "/proposals/" + id);
                    pollers.execute(new Runnable() {
                        @Override
                        public void run() {
                            try {
                                polls.incrementAndGet();
                                HttpResponse<Void> read = client.send(HttpRequest.newBuilder(readUri)
                                                .header("Authorization", "Bearer " + organizerToken)
                                                .timeout(Duration.ofSeconds(10)).GET().build(),
                                        HttpResponse.BodyHandlers.discarding());
                                long now = System.nanoTime();
                                if (read.statusCode() == 200) {
                                    done.add(new Done(id, createdEpochMicros, created - sent, now - created));
                                    finished.countDown();
                                } else if (now - created > 30_000_000_000L) {
                                    missing.incrementAndGet();
                                    finished.countDown();
                                } else {
                                    pollers.schedule(this, nextPoll(now - created, pollMs), TimeUnit.MILLISECONDS);
                                }
                            } catch (IOException | InterruptedException e) {
                                pollers.schedule(this, nextPoll(System.nanoTime() - created, pollMs), TimeUnit.MILLISECONDS);
                            }
                        }
                    });
                } catch (IOException | InterruptedException e) {
                    failed.incrementAndGet();
                    finished.countDown();
                }
              });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                skipped.incrementAndGet();
                finished.countDown();
            }
        }
        long sendingNanos = System.nanoTime() - start;
        boolean all = finished.await(120, TimeUnit.SECONDS);
        submitters.shutdownNow();
        pollers.shutdownNow();

        List<Long> submit = new ArrayList<>();
        List<Long> visible = new ArrayList<>();
        for (Done d : done) {
            submit.add(d.submitNanos());
            visible.add(d.visibleNanos());
        }
        Collections.sort(submit);
        Collections.sort(visible);
        int created = done.size() + missing.get();
        System.out.printf("BENCH due=%d skipped=%d created=%d failed=%d missing=%d unfinished=%s late_starts=%d polls=%d "
                        + "offered_rate=%.1f achieved_rate=%.1f poll_ms=%d%n",
                total, skipped.get(), created, failed.get(), missing.get(), all ? "0" : "some",
                lateStarts.get(), polls.get(), total / (sendingNanos / 1e9), created / (sendingNanos / 1e9), pollMs);
        System.out.printf("BENCH submit_p50_ms=%.1f submit_p99_ms=%.1f visible_p50_ms=%.1f visible_p99_ms=%.1f "
                        + "visible_max_ms=%.1f%n",
                ms(pct(submit, 50)), ms(pct(submit, 99)), ms(pct(visible, 50)), ms(pct(visible, 99)),
                ms(visible.isEmpty() ? 0 : visible.get(visible.size() - 1)));
        if (idsOut != null) {
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(idsOut)))) {
                for (Done d : done) {
                    out.println(d.id() + "\t" + d.createdEpochMicros());
                }
            }
        }
        System.exit(failed.get() == 0 && missing.get() == 0 && skipped.get() == 0 && all ? 0 : 1);
    }

    /**
     * Polls every pollMs at first, then every tenth of the time waited so far (at most 1 s): the resolution
     * stays within 10% of the measured latency, and a backlog does not turn the driver into a flood of reads
     * that starves review-service's consumer of CPU.
     */
    private static long nextPoll(long waitedNanos, long pollMs) {
        return Math.max(pollMs, Math.min(1000, waitedNanos / 10_000_000L));
    }

    private static long epochMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw new IllegalArgumentException(name + " is not set");
            }
            return fallback;
        }
        return value;
    }
}
