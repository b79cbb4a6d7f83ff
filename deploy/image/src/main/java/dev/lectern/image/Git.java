package dev.lectern.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/** What the image's labels say of the commit it was built from; "unknown" outside a git checkout. */
record Git(String revision, Instant commitTime, Optional<String> source) {

    static Git of(Path repository) {
        String revision = run(repository, "rev-parse", "HEAD").orElse("unknown");
        Instant time = run(repository, "log", "-1", "--format=%cI").map(t -> OffsetDateTime.parse(t).toInstant())
                .orElse(Instant.EPOCH);
        // Only a public https address: a remote with credentials in it, or a local path, says nothing to a reader.
        Optional<String> source = run(repository, "config", "--get", "remote.origin.url")
                .filter(url -> url.matches("https://[^@\\s]+"));
        return new Git(revision, time, source);
    }

    private static Optional<String> run(Path repository, String... arguments) {
        String[] command = new String[arguments.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = repository.toString();
        System.arraycopy(arguments, 0, command, 3, arguments.length);
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor() == 0 && !output.isEmpty() ? Optional.of(output) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
