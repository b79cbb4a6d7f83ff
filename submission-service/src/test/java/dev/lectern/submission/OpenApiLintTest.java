package dev.lectern.submission;

import dev.lectern.infra.OpenApiContract;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Redocly's recommended rules pass on the committed contract with no errors. Needs node's npx (CI has it);
 * without it the test is skipped, and OpenApiContractTest still checks the essentials.
 */
@Tag("slow")
class OpenApiLintTest {

    @Test
    void theCommittedContractPassesRedoclysRecommendedRules() throws IOException, InterruptedException {
        assumeTrue(OpenApiContract.npxPresent(),
                "npx is not on the PATH: install node to lint the OpenAPI documents with " + OpenApiContract.REDOCLY);
        assertNull(OpenApiContract.lint(OpenApiContractTest.SERVICE));
    }
}
