package dev.lectern.e2e.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.e2e.Api;
import dev.lectern.e2e.Stack;
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
    private static Browser browser;
    private static SignedInApp signedIn;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Browser.available(),
                "browser tests skipped: /usr/bin/chromium and /usr/bin/chromedriver are needed (apt-get install chromium chromium-driver)");
        stack = Stack.get();
        // Keycloak signs with the stack's key: a token minted with its issuer is one Keycloak could have issued,
        // and one minted with any other issuer must be refused.
        signedIn = SignedInApp.start(stack, "KeycloakSignInIT", 0, 0, realm -> realm);
        browser = new Browser(signedIn.address(), Path.of("target/screenshots/sign-in"));

        Map<String, Object> event = new HashMap<>(Api.event(EVENT));
        event.put("name", Map.of("en", EVENT_NAME, "zh", "登录流程 " + RUN));
        given().baseUri(signedIn.submission.baseUrl()).header("Authorization", "Bearer " + keycloakIssuerToken("organizer"))
                .contentType(ContentType.JSON).body(event).post("/api/events").then().statusCode(201);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (signedIn != null) signedIn.close();
    }

    /** A token as ./lectern token mints it when the local stack runs Keycloak: the stack's key, Keycloak's issuer. */
    private static String keycloakIssuerToken(String group) {
        return stack.tokens.mint(signedIn.keycloak.issuer(), "tooling@example.org", List.of(group), "tooling@example.org", null,
                Duration.ofMinutes(10));
    }

    @Test
    @Order(1)
    void aSpeakerSignsInThroughKeycloakAndSubmits() throws Exception {
        try {
            signIn("lilei", "keycloak-login");
            JsonNode token = signedInClaims();
            assertEquals(signedIn.keycloak.issuer(), token.path("iss").asText());
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

            given().baseUri(signedIn.submission.baseUrl()).header("Authorization", "Bearer " + signedInToken())
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
            assertEquals(signedIn.keycloak.issuer(), token.path("iss").asText());
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
            given().baseUri(signedIn.review.baseUrl()).header("Authorization", "Bearer " + signedInToken())
                    .get("/api/me/assignments").then().statusCode(200);
        } catch (RuntimeException | AssertionError e) {
            throw failure(e);
        }
    }

    @Test
    @Order(4)
    void theServicesAcceptOnlyTokensOfKeycloaksIssuer() throws Exception {
        JsonNode jwks = JSON.readTree(given().get(signedIn.keycloak.jwksUrl()).then().statusCode(200).extract().asString());
        assertEquals(1, jwks.path("keys").size(), () -> "Keycloak signs with the imported key alone: " + jwks);
        assertEquals(stack.tokens.keyId(), jwks.path("keys").get(0).path("kid").asText());

        String sameKeyOtherIssuer = stack.tokens.mint(Tokens.ISSUER, "alice@example.org", List.of("organizer"),
                "alice@example.org", null, Duration.ofMinutes(10));
        String otherKeyKeycloakIssuer = Tokens.generate().mint(signedIn.keycloak.issuer(), "alice@example.org",
                List.of("organizer"), "alice@example.org", null, Duration.ofMinutes(10));
        for (String refused : List.of(sameKeyOtherIssuer, otherKeyKeycloakIssuer)) {
            given().baseUri(signedIn.submission.baseUrl()).header("Authorization", "Bearer " + refused)
                    .get("/api/me/proposals").then().statusCode(401);
            given().baseUri(signedIn.review.baseUrl()).header("Authorization", "Bearer " + refused)
                    .get("/api/me/assignments").then().statusCode(401);
        }
        given().baseUri(signedIn.submission.baseUrl()).header("Authorization", "Bearer " + keycloakIssuerToken("speaker"))
                .get("/api/me/proposals").then().statusCode(200);
        given().baseUri(signedIn.review.baseUrl()).header("Authorization", "Bearer " + keycloakIssuerToken("reviewer"))
                .get("/api/me/assignments").then().statusCode(200);
    }

    /** Signs in from the app's header: Keycloak's login form, then back in the app with a token. */
    private static void signIn(String username, String screenshot) {
        browser.signInWithProvider(signedIn.keycloak.issuer(), username, PASSWORD, screenshot);
        assertTrue(browser.driver.getCurrentUrl().startsWith(signedIn.submission.baseUrl() + "/"), browser.driver.getCurrentUrl());
        assertTrue(browser.driver.findElements(By.cssSelector(".problem")).isEmpty(), browser::text);
    }

    /** Signs out from the app's header, which ends the Keycloak session too, so the next sign-in asks again. */
    private static void signOut() {
        browser.signOutIfSignedIn();
        assertTrue(browser.driver.getCurrentUrl().startsWith(signedIn.submission.baseUrl()), browser.driver.getCurrentUrl());
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
