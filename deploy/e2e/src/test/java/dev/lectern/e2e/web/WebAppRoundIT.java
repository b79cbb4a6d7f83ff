package dev.lectern.e2e.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lectern.e2e.Stack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole round through the web app's pages alone, in real Chromium: an organizer sets up an event; two speakers
 * submit (one in Chinese, a debate with a co-speaker; one in English); the organizer adds reviewers and assigns;
 * the reviewers score; the organizer selects and publishes; the accepted speaker declines, the waitlisted one is
 * accepted and confirms. Every role signs in through the real sign-in path: the app's OpenID Connect code flow with
 * PKCE against a real Keycloak, whose realm is Lectern's with the round's users added (one reviewer scoped to the
 * round's event, one not). Every page is photographed in both languages (deploy/e2e/target/screenshots) and checked
 * by axe-core; every reviewer page's DOM is kept to check that it names no speaker.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebAppRoundIT {

    private static final int REVIEW_PORT = 62610;
    private static final int SUBMISSION_PORT = 62611;

    private static Stack stack;
    private static Browser browser;
    private static SignedInApp signedIn;

    private static final String PASSWORD = "lectern-demo";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String EVENT = "webapp-" + RUN;
    private static final String LILEI = "lilei." + RUN + "@example.com";
    private static final String HANMEIMEI = "hanmeimei." + RUN + "@example.com";
    private static final String BOB = "bob." + RUN + "@example.org";
    /** The reviewers' Keycloak user ids: the subjects of their tokens, which the organizer enters for them. */
    private static final String R1 = UUID.randomUUID().toString();
    private static final String R2 = UUID.randomUUID().toString();
    private static final String DEBATE_TITLE = "开源合规：要不要设立 OSPO？";
    private static final String TALK_TITLE = "Growing a maintainer community";
    /** Everything that identifies a speaker: no reviewer page may contain any of it. */
    private static final List<String> IDENTITIES = List.of("李雷", "雷 李", LILEI, "示例科技", "韩梅梅", HANMEIMEI, "示例大学",
            "Bob Stone", BOB, "Stone Labs");
    private static final Map<String, String> reviewerPages = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Browser.available(),
                "browser tests skipped: /usr/bin/chromium and /usr/bin/chromedriver are needed (apt-get install chromium chromium-driver)");
        stack = Stack.get();
        signedIn = SignedInApp.start(stack, "WebAppRoundIT", REVIEW_PORT, SUBMISSION_PORT, WebAppRoundIT::roundRealm);
        browser = new Browser(signedIn.address(), Path.of("target/screenshots"));
    }

    /** Lectern's realm with the round's speakers and reviewers as users. */
    private static String roundRealm(String lectern) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode realm;
        try {
            realm = (ObjectNode) json.readTree(lectern);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        realm.withArray("groups").addObject().put("name", "reviewer:" + EVENT);
        ArrayNode users = realm.withArray("users");
        addUser(users, "lilei-" + RUN, null, LILEI, "雷", "李", "speaker");
        addUser(users, "bob-" + RUN, null, BOB, "Bob", "Stone", "speaker");
        addUser(users, "r1-" + RUN, R1, "r1." + RUN + "@example.org", "Fang", "Wang", "reviewer:" + EVENT);
        addUser(users, "r2-" + RUN, R2, "r2." + RUN + "@example.org", "Min", "Zhao", "reviewer");
        return realm.toString();
    }

    private static void addUser(ArrayNode users, String username, String id, String email, String first, String last,
                                String group) {
        ObjectNode user = users.addObject();
        if (id != null) user.put("id", id);
        user.put("username", username).put("email", email).put("emailVerified", true).put("enabled", true)
                .put("firstName", first).put("lastName", last);
        user.putArray("credentials").addObject().put("type", "password").put("value", PASSWORD).put("temporary", false);
        user.putArray("groups").add("/" + group);
    }

    private static void signIn(String username) {
        browser.signInWithProvider(signedIn.keycloak.issuer(), username, PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (signedIn != null) signedIn.close();
    }

    @Test
    @Order(1)
    void aWholeRoundRunsThroughThePages() {
        try {
            organizerSetsUpTheEvent();
            speakersSubmit();
            organizerAddsReviewersAndAssigns();
            reviewersScore();
            organizerSelectsAndPublishes();
            declineMovesTheWaitlist();
        } catch (RuntimeException | AssertionError e) {
            browser.screenshot("failure");
            throw new AssertionError("the page showed:\n" + browser.text(), e);
        }
        assertTrue(browser.violations().isEmpty(), () -> "axe-core serious or critical violations: " + browser.violations());
    }

    @Test
    @Order(2)
    void noReviewerPageNamesASpeaker() {
        assertTrue(reviewerPages.size() >= 6, () -> "reviewer pages visited by the round: " + reviewerPages.keySet());
        reviewerPages.forEach((page, dom) -> {
            for (String identity : IDENTITIES) {
                assertFalse(dom.contains(identity), () -> "the DOM of reviewer page '" + page + "' contains " + identity);
            }
        });
    }

    private void organizerSetsUpTheEvent() {
        signIn("alice");
        browser.record("home-organizer");
        browser.go("#/organize");
        browser.record("organizer-events");
        browser.click("Create an event");
        browser.type("slug", EVENT);
        browser.type("name.en", "Web app round " + RUN);
        browser.type("name.zh", "网页流程 " + RUN);
        browser.type("tracks[0].slug", "community");
        browser.type("tracks[0].name.en", "Community");
        browser.type("tracks[0].name.zh", "社区");
        browser.clickIn("//fieldset[legend[normalize-space()='Tracks']]", "Add another");
        browser.type("tracks[1].slug", "compliance");
        browser.type("tracks[1].name.en", "Compliance");
        browser.type("tracks[1].name.zh", "合规");
        browser.clickIn("//fieldset[legend[normalize-space()='Formats']]", "Add another");
        browser.type("formats[1].slug", "debate");
        browser.type("formats[1].name.en", "Two-person debate");
        browser.type("formats[1].name.zh", "双人辩论");
        browser.type("formats[1].durationMinutes", "40");
        browser.type("formats[1].minSpeakers", "2");
        browser.type("formats[1].maxSpeakers", "2");
        browser.record("event-form");
        browser.click("Create event");
        browser.waitForText(By.cssSelector("main h1"), "Web app round " + RUN);
        browser.record("organizer-event");
    }

    private void speakersSubmit() {
        signIn("lilei-" + RUN);
        browser.setLang("zh");
        browser.record("cfps");
        browser.click("提交议题: 网页流程 " + RUN);
        browser.type("title", DEBATE_TITLE);
        browser.choose("format", "debate");
        // The debate's rule is shown as it applies, and its second speaker's fields are there at once.
        browser.waitForText(By.cssSelector(".rules"), "需要正好 2 位讲者");
        browser.choose("track", "community");
        browser.choose("language", "zh");
        browser.type("abstract", "两位讲者就企业是否应设立开源项目办公室展开辩论。");
        // The form is filled from the token Keycloak issued ("雷 李", first name first); she writes her name her way.
        assertEquals(LILEI, browser.field("speakers[0].email").getAttribute("value"));
        browser.type("speakers[0].name", "李雷");
        browser.type("speakers[0].affiliation", "示例科技");
        browser.click("提交");
        // Without the co-speaker the service refuses, in Chinese, next to the field it names.
        WebElement error = browser.waitFor(By.id("f-speakers-1--name-err"));
        assertTrue(error.getText().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                "the problem detail comes in Chinese: " + error.getText());
        assertEquals("true", browser.field("speakers[1].name").getAttribute("aria-invalid"));
        browser.record("proposal-form-problem");
        browser.type("speakers[1].name", "韩梅梅");
        browser.type("speakers[1].email", HANMEIMEI);
        browser.type("speakers[1].affiliation", "示例大学");
        browser.click("提交");
        browser.waitForText(By.cssSelector("main"), DEBATE_TITLE);
        browser.record("my-proposals");

        signIn("bob-" + RUN);
        browser.setLang("en");
        browser.click("Submit a proposal: Web app round " + RUN);
        browser.type("title", "Draft title");
        browser.choose("track", "community");
        browser.choose("language", "en");
        browser.type("abstract", "How a project grew from one maintainer to twelve, and what we would do again.");
        browser.type("speakers[0].affiliation", "Stone Labs");
        browser.click("Save as draft");
        browser.waitForText(By.cssSelector("main"), "Draft");
        browser.click("Edit: Draft title");
        browser.type("title", TALK_TITLE);
        browser.record("proposal-form");
        browser.click("Submit");
        browser.waitForText(By.cssSelector("main"), TALK_TITLE);
        browser.waitForText(By.cssSelector("main"), "In review");
    }

    private void organizerAddsReviewersAndAssigns() {
        signIn("alice");
        browser.go("#/organize/" + EVENT + "/reviewers");
        for (String[] reviewer : new String[][]{{R1, "Wang Fang"}, {R2, "Zhao Min"}}) {
            browser.type("subject", reviewer[0]);
            browser.type("name", reviewer[1]);
            browser.type("affiliation", "Review Guild");
            browser.type("tracks", "community");
            browser.click("Add reviewer");
            browser.waitForText(By.cssSelector("table"), reviewer[1]);
        }
        // An organizer edits a reviewer: the form takes the reviewer's details, saving keeps the assignments.
        browser.click("Edit: Wang Fang");
        browser.waitForText(By.id("reviewer-form-h"), "Wang Fang");
        browser.type("maxAssignments", "8");
        browser.click("Save reviewer");
        browser.waitForText(By.cssSelector("table"), "/ 8");
        browser.record("reviewers");
        browser.go("#/organize/" + EVENT + "/assignment");
        // The proposals reach review-service over Kafka; assignment fills what is missing each time it runs.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            browser.click("Run assignment");
            browser.waitFor(By.id("assign-report-h"));
            int total = 0;
            for (WebElement cell : browser.driver.findElements(By.cssSelector(".report tbody tr td:nth-child(2)"))) {
                total += Integer.parseInt(cell.getText().split("/")[0].trim());
            }
            return total == 4;
        });
        browser.record("assignment-report");
        // Switching tabs replaces the panel: the reviewers' table is no longer in the page.
        assertTrue(browser.driver.findElements(By.tagName("lectern-reviewers")).isEmpty(), "the reviewers tab is gone from the page");
        // One assignment taken back and given again by hand: the list and the manual form.
        WebElement first = browser.waitFor(By.cssSelector("tr[data-assignment]"));
        String title = first.findElement(By.cssSelector("td:nth-child(1)")).getText();
        String reviewer = first.findElement(By.cssSelector("td:nth-child(2)")).getText();
        first.findElement(By.xpath(".//button[contains(normalize-space(.), 'Unassign')]")).click();
        browser.acceptDialog();
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.driver.findElements(By.cssSelector("tr[data-assignment]")).size() == 3);
        new org.openqa.selenium.support.ui.Select(browser.field("proposalId")).selectByVisibleText(title);
        new org.openqa.selenium.support.ui.Select(browser.field("reviewerId")).selectByVisibleText(reviewer);
        browser.clickIn("//form[.//select[@id='f-proposalId']]", "Assign");
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.driver.findElements(By.cssSelector("tr[data-assignment]")).size() == 4);
        browser.waitFor(By.xpath("//tr[@data-assignment][contains(., 'by hand')]"));
        browser.record("assignment");
        browser.go("#/organize/" + EVENT + "/identity");
        browser.waitFor(By.xpath("//h2[normalize-space()='Identity' or normalize-space()='身份信息']"));
        browser.record("identity");
    }

    private void reviewersScore() {
        for (String reviewer : List.of("r1-" + RUN, "r2-" + RUN)) {
            signIn(reviewer);
            browser.go("#/review");
            browser.waitForText(By.cssSelector("main"), TALK_TITLE);
            // The event's own names for its tracks and formats, in the page's language, not their slugs.
            browser.waitForText(By.cssSelector("main"), "Community · Two-person debate");
            reviewerPages.put(reviewer + " assignments", browser.driver.getPageSource());
            browser.record("reviewer-assignments");
            score(reviewer, DEBATE_TITLE, "5");
            score(reviewer, TALK_TITLE, "2");
            browser.go("#/review");
            browser.waitForText(By.cssSelector("main"), "2 of 2 reviewed");
            reviewerPages.put(reviewer + " progress", browser.driver.getPageSource());
        }
    }

    private void score(String reviewer, String title, String value) {
        browser.go("#/review");
        browser.click("Review: " + title);
        browser.waitForText(By.cssSelector("main"), title);
        browser.type("scores.relevance", value);
        browser.type("scores.quality", value);
        browser.choose("confidence", "4");
        browser.type("comment", "Clear and useful.");
        reviewerPages.put(reviewer + " " + title, browser.driver.getPageSource());
        if (reviewer.startsWith("r1")) browser.record("review-form");
        browser.click("Save my review");
        browser.waitForText(By.cssSelector("main"), "Your review is saved.");
        reviewerPages.put(reviewer + " " + title + " saved", browser.driver.getPageSource());
    }

    private void organizerSelectsAndPublishes() {
        signIn("alice");
        browser.go("#/organize/" + EVENT + "/ranking");
        browser.waitForText(By.cssSelector(".ranking"), DEBATE_TITLE);
        browser.driver.findElement(By.cssSelector(".ranking details summary")).click();
        browser.record("ranking");
        browser.go("#/organize/" + EVENT + "/selection");
        browser.type("capacity.tracks.community", "1");
        browser.click("Run selection");
        browser.waitFor(By.id("selection-h"));
        assertTrue(row(DEBATE_TITLE).contains("Accept"), row(DEBATE_TITLE));
        assertTrue(row(TALK_TITLE).contains("Waitlist"), row(TALK_TITLE));
        browser.record("selection");
        browser.click("Publish decisions");
        browser.waitForText(By.cssSelector("main"), "decisions published");
        browser.go("#/organize/" + EVENT + "/decisions");
        browser.waitFor(By.cssSelector("table"));
        browser.record("decisions");
    }

    private static String row(String title) {
        return browser.driver.findElements(By.cssSelector(".report tbody tr")).stream().map(WebElement::getText)
                .filter(text -> text.contains(title)).findFirst().orElse("no row for " + title);
    }

    private void declineMovesTheWaitlist() {
        signIn("lilei-" + RUN);
        awaitStatus(DEBATE_TITLE, "Accepted");
        browser.record("decision-accepted");
        browser.click("Decline: " + DEBATE_TITLE);
        browser.acceptDialog();
        browser.waitForText(By.cssSelector("main"), "You declined the acceptance.");

        signIn("bob-" + RUN);
        awaitStatus(TALK_TITLE, "Accepted");
        browser.click("Confirm: " + TALK_TITLE);
        browser.waitForText(By.cssSelector("main"), "Confirmed: see you on stage.");
        browser.record("decision-confirmed");
    }

    private void awaitStatus(String title, String status) {
        browser.setLang("en");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            browser.open("#/me/proposals");
            List<String> cards = new ArrayList<>();
            for (WebElement card : browser.driver.findElements(By.cssSelector(".card"))) cards.add(card.getText());
            return cards.stream().anyMatch(c -> c.contains(title) && c.contains(status));
        });
    }
}
