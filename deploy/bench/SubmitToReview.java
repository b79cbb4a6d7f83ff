import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * answer does not delay the next submission) and writes, per 201, the proposal's id and the moment the 201
 * arrived (BENCH_IDS_OUT), from which deploy/bench/run.sh takes the moment review-service committed it. One
 * proposal in BENCH_POLL_EVERY is also polled through review-service's
 * {@code GET /api/events/{event}/proposals/{id}} until it answers 200: the latency a client sees, from the
 * 201 to the first 200, with the poll interval as its resolution (10 ms, then a tenth of the time waited so
 * far). Polling every proposal would measure the driver: on two cores each read costs review-service about
 * as much CPU as a submission costs submission-service. After the measurement every other proposal is read
 * once (again every second, for at most 30 s, until it answers 200); those that never do count as missing.
 *
 * <p>Run with the JDK alone: {@code java deploy/bench/SubmitToReview.java}. Settings come from the
 * environment: BENCH_SUBMISSION_URL, BENCH_REVIEW_URL, BENCH_EVENT, BENCH_TOKEN (speaker),
 * BENCH_ORGANIZER_TOKEN, BENCH_BODY (template with __TITLE__), BENCH_RATE [200], BENCH_SECONDS [25],
 * BENCH_LATENCY_WARMUP_SECONDS [20] (the same rate first, not measured), BENCH_POLL_MS [10],
 * BENCH_POLL_EVERY [10], BENCH_IDS_OUT (optional: writes "id epoch-micros-of-the-201" per line). Prints
 * machine-readable "BENCH key=value" lines.
 *
 * <p>The driver shares the machine with what it measures, so it speaks HTTP/1.1 itself over one kept-alive
 * connection per thread ({@link Http}): the JDK's HttpClient took half a core at 200 submissions/s here,
 * CPU the services then lacked.
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
        int pollEvery = Integer.parseInt(env("BENCH_POLL_EVERY", "10"));
        String idsOut = System.getenv("BENCH_IDS_OUT");

        int total = rate * seconds;
        // The same rate for BENCH_LATENCY_WARMUP_SECONDS first, not measured: the figure is the steady state, not
        // the seconds in which the driver's own JVM and the services settle into the new load.
        int warm = rate * Integer.parseInt(env("BENCH_LATENCY_WARMUP_SECONDS", "20"));
        // At most 64 submissions in flight and 64 waiting: a service that cannot keep up is reported as such
        // (skipped submissions, a lower achieved rate) instead of an ever-growing queue inside the driver.
        java.util.concurrent.ThreadPoolExecutor submitters = new java.util.concurrent.ThreadPoolExecutor(64, 64,
                0, TimeUnit.SECONDS, new java.util.concurrent.ArrayBlockingQueue<>(64));
        ScheduledExecutorService pollers = Executors.newScheduledThreadPool(16);
        URI submission = URI.create(submissionUrl);
        URI review = URI.create(reviewUrl);
        String submitPath = "/api/events/" + event + "/proposals";
        ThreadLocal<Http> submitConnection = ThreadLocal.withInitial(() -> new Http(submission));
        ThreadLocal<Http> readConnection = ThreadLocal.withInitial(() -> new Http(review));

        ConcurrentLinkedQueue<Done> done = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger polledMissing = new AtomicInteger();
        AtomicInteger polls = new AtomicInteger();
        AtomicInteger lateStarts = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(total);
        long periodNanos = 1_000_000_000L / rate;
        long warmStart = System.nanoTime() + 50_000_000L;
        long start = warmStart + warm * periodNanos;

        for (int i = -warm; i < total; i++) {
            long due = start + i * periodNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            final int n = i;
            // Warm-up submissions (n < 0) go the same way, polled sample included, but are not counted.
            boolean measured = n >= 0;
            try {
              submitters.execute(() -> {
                if (measured && System.nanoTime() - due > 20_000_000L) {
                    lateStarts.incrementAndGet();
                }
                String title = (measured ? "提交到评审延迟 Submit-to-review latency #" : "提交到评审延迟 warm-up 预热 #") + n;
                String body = template.replace("__TITLE__", title);
                long sent = System.nanoTime();
                try {
                    Http.Response response = submitConnection.get().exchange("POST", submitPath, token,
                            body.getBytes(StandardCharsets.UTF_8));
                    long created = System.nanoTime();
                    long createdEpochMicros = epochMicros();
                    Matcher matcher = ID.matcher(response.body());
                    if (response.status() != 201 || !matcher.find()) {
                        if (measured) {
                            failed.incrementAndGet();
                            finished.countDown();
                        }
                        return;
                    }
                    String id = matcher.group(1);
                    if (n % pollEvery != 0) {
                        if (measured) {
                            done.add(new Done(id, createdEpochMicros, created - sent, -1));
                            finished.countDown();
                        }
                        return;
                    }
                    String readPath = "/api/events/" + event + "/proposals/" + id;
                    pollers.execute(new Runnable() {
                        @Override
                        public void run() {
                            try {
                                if (measured) {
                                    polls.incrementAndGet();
                                }
                                Http.Response read = readConnection.get().exchange("GET", readPath, organizerToken, null);
                                long now = System.nanoTime();
                                if (read.status() == 200) {
                                    if (measured) {
                                        done.add(new Done(id, createdEpochMicros, created - sent, now - created));
                                        finished.countDown();
                                    }
                                } else if (now - created > 30_000_000_000L) {
                                    if (measured) {
                                        polledMissing.incrementAndGet();
                                        finished.countDown();
                                    }
                                } else {
                                    pollers.schedule(this, nextPoll(now - created, pollMs), TimeUnit.MILLISECONDS);
                                }
                            } catch (IOException e) {
                                pollers.schedule(this, nextPoll(System.nanoTime() - created, pollMs), TimeUnit.MILLISECONDS);
                            }
                        }
                    });
                } catch (IOException e) {
                    if (measured) {
                        failed.incrementAndGet();
                        finished.countDown();
                    }
                }
              });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                if (measured) {
                    skipped.incrementAndGet();
                    finished.countDown();
                }
            }
        }
        long sendingNanos = System.nanoTime() - start;
        boolean all = finished.await(120, TimeUnit.SECONDS);
        submitters.shutdownNow();
        pollers.shutdownNow();

        // Every proposal created, polled or not, must be readable through the API: after the measurement, each
        // one not polled is read once (and again every second, for at most 30 s, until it answers 200).
        long checkDeadline = System.nanoTime() + 30_000_000_000L;
        ExecutorService checkers = Executors.newFixedThreadPool(8);
        AtomicInteger unread = new AtomicInteger();
        for (Done d : done) {
            if (d.visibleNanos() >= 0) {
                continue;
            }
            checkers.execute(() -> {
                String path = "/api/events/" + event + "/proposals/" + d.id();
                try {
                    while (readConnection.get().exchange("GET", path, organizerToken, null).status() != 200) {
                        if (System.nanoTime() > checkDeadline) {
                            unread.incrementAndGet();
                            return;
                        }
                        Thread.sleep(1000);
                    }
                } catch (IOException | InterruptedException e) {
                    unread.incrementAndGet();
                }
            });
        }
        checkers.shutdown();
        checkers.awaitTermination(60, TimeUnit.SECONDS);
        int missing = polledMissing.get() + unread.get();

        List<Long> submit = new ArrayList<>();
        List<Long> visible = new ArrayList<>();
        for (Done d : done) {
            submit.add(d.submitNanos());
            if (d.visibleNanos() >= 0) {
                visible.add(d.visibleNanos());
            }
        }
        Collections.sort(submit);
        Collections.sort(visible);
        int created = done.size() + polledMissing.get();
        System.out.printf("BENCH due=%d skipped=%d created=%d failed=%d missing=%d unfinished=%s late_starts=%d polls=%d "
                        + "offered_rate=%.1f achieved_rate=%.1f poll_ms=%d poll_every=%d polled=%d%n",
                total, skipped.get(), created, failed.get(), missing, all ? "0" : "some",
                lateStarts.get(), polls.get(), total / (sendingNanos / 1e9), created / (sendingNanos / 1e9), pollMs, pollEvery, visible.size());
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
        System.exit(failed.get() == 0 && missing == 0 && skipped.get() == 0 && all ? 0 : 1);
    }

    /**
     * Polls every pollMs at first, then every tenth of the time waited so far (at most 1 s): the resolution
     * stays within 10% of the measured latency, and a backlog does not turn the driver into a flood of reads
     * that starves review-service's consumer of CPU.
     */
    private static long nextPoll(long waitedNanos, long pollMs) {
        return Math.max(pollMs, Math.min(1000, waitedNanos / 10_000_000L));
    }

    /**
     * A minimal HTTP/1.1 client over one kept-alive connection, for one thread at a time: writes a request,
     * reads the status, the headers it needs (Content-Length or chunked, Connection: close) and the body.
     * Sends again, once, on a new connection only when the old one was closed before any of the response came.
     */
    static final class Http {

        record Response(int status, String body) {
        }

        private final String host;
        private final int port;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Http(URI base) {
            this.host = base.getHost();
            this.port = base.getPort() < 0 ? 80 : base.getPort();
        }

        Response exchange(String method, String path, String bearer, byte[] body) throws IOException {
            StringBuilder head = new StringBuilder(256 + bearer.length()).append(method).append(' ').append(path)
                    .append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
                    .append("\r\nAuthorization: Bearer ").append(bearer).append("\r\nAccept: application/json\r\n");
            if (body != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            byte[] request = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
            boolean fresh = socket == null;
            try {
                return send(request, body);
            } catch (Stale e) {
                // The server closed a kept-alive connection before this request reached it: safe to send again.
                close();
                if (fresh) {
                    throw e;
                }
                return send(request, body);
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        /** The connection was closed before any of the response arrived. */
        static final class Stale extends IOException {
            Stale(String message) {
                super(message);
            }
        }

        private Response send(byte[] request, byte[] body) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(30_000);
                socket.connect(new InetSocketAddress(host, port), 5_000);
                in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                out = socket.getOutputStream();
            }
            if (body == null) {
                out.write(request);
            } else {
                byte[] all = new byte[request.length + body.length];
                System.arraycopy(request, 0, all, 0, request.length);
                System.arraycopy(body, 0, all, request.length, body.length);
                out.write(all);
            }
            out.flush();
            String statusLine = line();
            if (statusLine == null) {
                throw new Stale("connection closed before a response");
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); header != null && !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                    close = true;
                }
            }
            ByteArrayOutputStream content = new ByteArrayOutputStream(length > 0 ? (int) length : 1024);
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                     size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    copy(size, content);
                    line();
                }
                for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                    // trailers are not used
                }
            } else if (length >= 0) {
                copy(length, content);
            } else {
                in.transferTo(content);
                close = true;
            }
            if (close) {
                close();
            }
            return new Response(status, content.toString(StandardCharsets.UTF_8));
        }

        private void copy(long length, ByteArrayOutputStream to) throws IOException {
            byte[] buffer = new byte[8192];
            while (length > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, length));
                if (n < 0) {
                    throw new IOException("connection closed inside a response body");
                }
                to.write(buffer, 0, n);
                length -= n;
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    return line.length() == 0 ? null : line.toString();
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        private void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // closing a broken connection
            }
            socket = null;
        }
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
