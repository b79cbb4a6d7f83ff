package dev.lectern.review;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Redocly's recommended rules pass on the committed contract with no errors. Needs node's npx (CI has it);
 * without it the test is skipped, and OpenApiContractTest still checks the essentials.
 */
@Tag("slow")
class OpenApiLintTest {

    static final String REDOCLY = "@redocly/cli@2.77.0";

    @Test
    void theCommittedContractPassesRedoclysRecommendedRules() throws IOException, InterruptedException {
        assumeTrue(onPath("npx"), "npx is not on the PATH: install node to lint the OpenAPI documents with " + REDOCLY);
        Path contract = OpenApiContractTest.committed(OpenApiContractTest.SERVICE);
        assertTrue(Files.exists(contract), contract + " is missing; see OpenApiContractTest");
        Process process = new ProcessBuilder("npx", "--yes", REDOCLY, "lint", "--extends=recommended", contract.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "redocly did not finish");
        System.out.println(output);
        assertEquals(0, process.exitValue(), "redocly lint found errors in " + contract + ":\n" + output);
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
