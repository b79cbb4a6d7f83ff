package dev.lectern.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Lectern service running from its built jar in a process of its own, so a test or a fault
 * harness can stop it, kill it with SIGKILL, and start it again on the same port.
 */
public final class ServiceProcess {

    /**
     * JVM options for processes that tests and harnesses start, from {@code lectern.test.jvm-options} (space
     * separated). By default C1 only: on two cores the C2 compiler took as much CPU as the service itself during
     * the first seconds, and these processes live for seconds to minutes, restarted often. Benchmarks do not
     * use this class; the local stack ({@code ./lectern}) sets its own options, C1 only too.
     */
    static final List<String> TEST_JVM_OPTIONS = java.util.Arrays.stream(
                    System.getProperty("lectern.test.jvm-options", "-XX:TieredStopAtLevel=1").split("\\s+"))
            .filter(option -> !option.isBlank()).toList();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final Path logFile;
    private Process process;

    public ServiceProcess(String name, Path jar, int port, Map<String, String> environment, Path logFile) {
        this.name = name;
        this.jar = jar;
        this.port = port == 0 ? KafkaBroker.freePort(1) : port;
        this.environment = Map.copyOf(environment);
        this.logFile = logFile;
    }

    /** A free local port, for a test that must know an address before the process on it starts. */
    public static int freePort() {
        return KafkaBroker.freePort(1);
    }

    public synchronized ServiceProcess start() {
        return start(Duration.ofSeconds(90));
    }

    /** Starts the process and waits until it is ready, for as long as a busy machine may need. */
    public synchronized ServiceProcess start(Duration readyWithin) {
        if (process != null && process.isAlive()) {
            return this;
        }
        launch();
        awaitReady(readyWithin);
        return this;
    }

    /** Starts the process without waiting for it to be ready (a test may expect it to die on its own). */
    public synchronized ServiceProcess launch() {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " does not exist: build the services first (./mvnw package)");
        }
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC"));
            command.addAll(TEST_JVM_OPTIONS);
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(name + " did not start", e);
        }
        return this;
    }

    /** Waits for the process to end by itself and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still runs after " + timeout);
        }
        return process.exitValue();
    }

    /** Waits until {@code /q/health/ready} says UP. */
    public void awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logFile);
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " was not ready in " + timeout + "; see " + logFile);
    }

    /** Stops the service cleanly (SIGTERM). */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    /** Kills the service (SIGKILL): no shutdown hook, no last commit, as a crash. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor();
        }
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    /** Where the process writes its output. */
    public Path logFile() {
        return logFile;
    }

    private void waitFor() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
