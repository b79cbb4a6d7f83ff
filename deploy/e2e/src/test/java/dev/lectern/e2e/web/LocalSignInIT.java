package dev.lectern.e2e.web;

import dev.lectern.e2e.Stack;
import dev.lectern.infra.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sign-in of a stack without an identity provider (./lectern up with no JDK 21+ for Keycloak): the app offers a
 * local sign-in, says on the page that it is one, takes a token minted as ./lectern token mints it and refuses text
 * that is none. The round and the Keycloak test sign in through Keycloak; this is the fallback's browser test.
 */
@Tag("slow")
class LocalSignInIT {

    private static ServiceProcess submission;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Browser.available(),
                "browser tests skipped: /usr/bin/chromium and /usr/bin/chromedriver are needed (apt-get install chromium chromium-driver)");
        submission = Stack.get().service("submission", ServiceProcess.freePort(),
                Map.of("LECTERN_WEB_LOCAL_SIGN_IN", "true")).start();
        browser = new Browser(submission.baseUrl(), Path.of("target/screenshots/local-sign-in"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (submission != null) submission.stop();
    }

    @Test
    void theLabelledLocalSignInTakesALocalTokenAndNothingElse() {
        try {
            browser.open("#/");
            browser.click("Local sign-in");
            browser.waitForText(By.id("local-sign-in"), "Local stack only: no identity provider is configured");
            browser.record("local-sign-in");

            browser.driver.findElement(By.id("local-token")).sendKeys("not a token");
            browser.driver.findElement(By.cssSelector("#local-sign-in button[type=submit]")).click();
            browser.waitForText(By.cssSelector("[role=alert]"), "That is not a valid, unexpired token.");
            assertTrue(browser.driver.findElements(By.xpath("//header//button[normalize-space()='Sign out']")).isEmpty(),
                    "text that is no token signs no one in");

            browser.driver.navigate().refresh(); // the form closed again, as a fresh visit finds it
            browser.signInWithToken(Stack.get().tokens.mint("lilei@example.com", List.of("speaker")));
            browser.click("My proposals");
            browser.waitForText(By.cssSelector("main h1"), "My proposals");
            browser.record("local-my-proposals");
        } catch (RuntimeException | AssertionError e) {
            browser.screenshot("failure");
            throw new AssertionError("the page showed:\n" + browser.text(), e);
        }
        assertTrue(browser.violations().isEmpty(), () -> "axe-core serious or critical violations: " + browser.violations());
    }
}
