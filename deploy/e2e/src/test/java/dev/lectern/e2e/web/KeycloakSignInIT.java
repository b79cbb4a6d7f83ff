package dev.lectern.e2e.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.e2e.Api;
import dev.lectern.e2e.Stack;
import dev.lectern.infra.Keycloak;
import dev.lectern.infra.ServiceProcess;
import dev.lectern.infra.Tokens;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each role signs in through the real sign-in path: the web app's authorization code flow with PKCE against a real
 * Keycloak (the distribution from Maven Central, {@code start-dev}, the Lectern realm imported), with both services
 * configured with Keycloak's issuer and JWKS as in production. A speaker submits and sees her proposal, an organizer
 * sees the organizer pages, a reviewer sees the reviewer pages; the services accept only Keycloak's issuer.
 * Screenshots in deploy/e2e/target/screenshots/sign-in.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakSignInIT {

    private static final String PASSWORD = "lectern-demo";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String EVENT = "sign-in-" + RUN;
    private static final String EVENT_NAME = "Sign-in round " + RUN;
    private static final String TITLE = "Signed in through Keycloak " + RUN;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Stack stack;
    private static Keycloak keycloak;
    private static ServiceProcess review;
    private static ServiceProcess submission;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Browser.available(),
                "browser tests skipped: /usr/bin/chromium and /usr/bin/chromedriver are needed (apt-get install chromium chromium-driver)");
        Path javaHome = Keycloak.findJavaHome().orElseThrow(() -> new IllegalStateException(
                "KeycloakSignInIT needs a JDK " + Keycloak.MINIMUM_JAVA + " or newer to run Keycloak, and found none: set "
                        + Keycloak.JAVA_HOME_VARIABLE + " or install one under /usr/lib/jvm"));
        Path dist = Path.of(System.getProperty("lectern.keycloak.dist", "target/keycloak/missing.zip"));
        Path root = Path.of(System.getProperty("lectern.root", "../..")).toAbsolutePath().normalize();
        stack = Stack.get();
        int reviewPort = ServiceProcess.freePort();
        int submissionPort = ServiceProcess.freePort();
        String app = "http://localhost:" + submissionPort;

        // Keycloak signs with the stack's key, as the local stack's does: a token minted with its issuer is one
        // Keycloak could have issued, and one minted with any other issuer must be refused.
        Path home = Keycloak.unpack(dist, dist.getParent());
        Keycloak.installRealm(home, Keycloak.realm(root.resolve("deploy/keycloak/lectern-realm.json"), stack.tokens, List.of(app)));
        keycloak = Keycloak.start(home, javaHome, 0, stack.logs.resolve("keycloak.log"), Duration.ofSeconds(180));

        Map<String, String> identity = Map.of(
                "LECTERN_JWT_PUBLIC_KEY_LOCATION", keycloak.jwksUrl(),
                "LECTERN_JWT_ISSUER", keycloak.issuer());
        Map<String, String> reviewEnv = new HashMap<>(identity);
        reviewEnv.put("LECTERN_CORS_ORIGINS", app);
        Map<String, String> submissionEnv = new HashMap<>(identity);
        submissionEnv.put("LECTERN_WEB_REVIEW_API", "http://localhost:" + reviewPort);
        submissionEnv.put("LECTERN_WEB_OIDC_ISSUER", keycloak.issuer());
        review = stack.service("review", reviewPort, reviewEnv).start();
        submission = stack.service("submission", submissionPort, submissionEnv).start();
        browser = new Browser(app, Path.of("target/screenshots/sign-in"));

        Map<String, Object> event = new HashMap<>(Api.event(EVENT));
        event.put("name", Map.of("en", EVENT_NAME, "zh", "登录流程 " + RUN));
        given().baseUri(submission.baseUrl()).header("Authorization", "Bearer " + keycloakIssuerToken("organizer"))
                .contentType(ContentType.JSON).body(event).post("/api/events").then().statusCode(201);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (submission != null) submission.stop();
        if (review != null) review.stop();
        if (keycloak != null) keycloak.stop();
    }

    /** A token as ./lectern token mints it when the local stack runs Keycloak: the stack's key, Keycloak's issuer. */
    private static String keycloakIssuerToken(String group) {
        return stack.tokens.mint(keycloak.issuer(), "tooling@example.org", List.of(group), "tooling@example.org", null,
                Duration.ofMinutes(10));
    }

    @Test
    @Order(1)
    void aSpeakerSignsInThroughKeycloakAndSubmits() throws Exception {
        try {
            signIn("lilei", "keycloak-login");
            JsonNode token = signedInClaims();
            assertEquals(keycloak.issuer(), token.path("iss").asText());
            assertEquals(List.of("speaker"), strings(token.path("groups")));
            assertEquals("lilei@example.com", token.path("email").asText());
            assertTrue(audience(token).contains("lectern"), () -> "aud: " + token.path("aud"));
            assertTrue(browser.driver.findElements(By.xpath("//nav//a[normalize-space()='Organize']")).isEmpty(),
                    "a speaker has no organizer pages");

            browser.go("#/events/" + EVENT + "/submit");
            browser.waitForText(By.cssSelector("main"), EVENT_NAME);
            // The form is filled from the token Keycloak issued: the name and email of its user.
            assertEquals("Lei Li", browser.field("speakers[0].name").getAttribute("value"));
            assertEquals("lilei@example.com", browser.field("speakers[0].email").getAttribute("value"));
            browser.type("title", TITLE);
            browser.type("abstract", "What a sign-in through a real identity provider takes.");
            browser.screenshot("speaker-proposal-form");
            browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            browser.waitForText(By.cssSelector("main h1"), "My proposals");
            browser.waitForText(By.cssSelector("main"), TITLE);
            browser.screenshot("speaker-my-proposals");

            given().baseUri(submission.baseUrl()).header("Authorization", "Bearer " + signedInToken())
                    .get("/api/me/proposals").then().statusCode(200);
        } catch (RuntimeException | AssertionError e) {
            throw failure(e);
        }
    }

    @Test
    @Order(2)
    void anOrganizerSignsInAfterTheSpeakerSignedOut() throws Exception {
        try {
            signOut();
            signIn("alice", null);
            JsonNode token = signedInClaims();
            assertEquals(keycloak.issuer(), token.path("iss").asText());
            assertEquals(List.of("organizer"), strings(token.path("groups")));
            browser.click("Organize");
            browser.waitForText(By.cssSelector("main h1"), "Organize");
            browser.waitForText(By.cssSelector("main"), EVENT_NAME);
            browser.screenshot("organizer-events");
            browser.go("#/organize/" + EVENT);
            browser.waitForText(By.cssSelector("main h1"), EVENT_NAME);
            browser.screenshot("organizer-event");
        } catch (RuntimeException | AssertionError e) {
            throw failure(e);
        }
    }

    @Test
    @Order(3)
    void aReviewerSignsInAndReadsTheReviewService() throws Exception {
        try {
            signOut();
            signIn("emma", null);
            assertEquals(List.of("reviewer"), strings(signedInClaims().path("groups")));
            // My reviews reads review-service, across origins, with the token Keycloak issued.
            browser.click("My reviews");
            browser.waitForText(By.cssSelector("main h1"), "My reviews");
            browser.waitForText(By.cssSelector("main"), "Nothing is assigned to you yet.");
            assertTrue(browser.driver.findElements(By.cssSelector(".problem")).isEmpty(), browser::text);
            browser.screenshot("reviewer-assignments");
            given().baseUri(review.baseUrl()).header("Authorization", "Bearer " + signedInToken())
                    .get("/api/me/assignments").then().statusCode(200);
        } catch (RuntimeException | AssertionError e) {
            throw failure(e);
        }
    }

    @Test
    @Order(4)
    void theServicesAcceptOnlyTokensOfKeycloaksIssuer() throws Exception {
        JsonNode jwks = JSON.readTree(given().get(keycloak.jwksUrl()).then().statusCode(200).extract().asString());
        assertEquals(1, jwks.path("keys").size(), () -> "Keycloak signs with the imported key alone: " + jwks);
        assertEquals(stack.tokens.keyId(), jwks.path("keys").get(0).path("kid").asText());

        String sameKeyOtherIssuer = stack.tokens.mint(Tokens.ISSUER, "alice@example.org", List.of("organizer"),
                "alice@example.org", null, Duration.ofMinutes(10));
        String otherKeyKeycloakIssuer = Tokens.generate().mint(keycloak.issuer(), "alice@example.org",
                List.of("organizer"), "alice@example.org", null, Duration.ofMinutes(10));
        for (String refused : List.of(sameKeyOtherIssuer, otherKeyKeycloakIssuer)) {
            given().baseUri(submission.baseUrl()).header("Authorization", "Bearer " + refused)
                    .get("/api/me/proposals").then().statusCode(401);
            given().baseUri(review.baseUrl()).header("Authorization", "Bearer " + refused)
                    .get("/api/me/assignments").then().statusCode(401);
        }
        given().baseUri(submission.baseUrl()).header("Authorization", "Bearer " + keycloakIssuerToken("speaker"))
                .get("/api/me/proposals").then().statusCode(200);
        given().baseUri(review.baseUrl()).header("Authorization", "Bearer " + keycloakIssuerToken("reviewer"))
                .get("/api/me/assignments").then().statusCode(200);
    }

    /** Signs in from the app's header: Keycloak's login form, then back in the app with a token. */
    private static void signIn(String username, String screenshot) {
        browser.open("#/");
        browser.click("Sign in");
        WebDriverWait wait = new WebDriverWait(browser.driver, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.urlContains(keycloak.issuer()));
        browser.waitFor(By.id("username")).sendKeys(username);
        browser.driver.findElement(By.id("password")).sendKeys(PASSWORD);
        if (screenshot != null) {
            browser.screenshot(screenshot);
        }
        browser.driver.findElement(By.id("kc-login")).click();
        browser.waitFor(By.xpath("//header//button[normalize-space()='Sign out']"));
        assertTrue(browser.driver.getCurrentUrl().startsWith(submission.baseUrl() + "/"), browser.driver.getCurrentUrl());
        assertTrue(browser.driver.findElements(By.cssSelector(".problem")).isEmpty(), browser::text);
    }

    /** Signs out from the app's header, which ends the Keycloak session too, so the next sign-in asks again. */
    private static void signOut() {
        browser.click("Sign out");
        new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                .until(ExpectedConditions.urlContains(submission.baseUrl()));
        browser.waitFor(By.xpath("//header//button[normalize-space()='Sign in']"));
        assertEquals(null, ((JavascriptExecutor) browser.driver).executeScript("return sessionStorage.getItem('lectern.token')"));
    }

    private static String signedInToken() {
        return (String) ((JavascriptExecutor) browser.driver).executeScript("return sessionStorage.getItem('lectern.token')");
    }

    private static JsonNode signedInClaims() throws Exception {
        String token = signedInToken();
        assertTrue(token != null && token.split("\\.").length == 3, "a signed-in app holds an access token");
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private static List<String> audience(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        return aud.isArray() ? strings(aud) : List.of(aud.asText());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static AssertionError failure(Throwable e) {
        browser.screenshot("failure");
        return new AssertionError("the page showed:\n" + browser.text() + "\nat " + browser.driver.getCurrentUrl(), e);
    }
}
