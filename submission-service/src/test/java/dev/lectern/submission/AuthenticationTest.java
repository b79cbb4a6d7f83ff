package dev.lectern.submission;

import dev.lectern.infra.TestInfrastructure;
import dev.lectern.infra.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Every kind of bad token is refused with 401, whatever it claims. */
@QuarkusTest
class AuthenticationTest {

    static String claims(String issuer, String audience, long iat, long exp, Long nbf) {
        return "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"mallory@example.com\","
                + "\"iat\":" + iat + ",\"exp\":" + exp + (nbf == null ? "" : ",\"nbf\":" + nbf)
                + ",\"groups\":[\"organizer\"]}";
    }

    static final String RS256 = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";

    void refused(String token) {
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(Fixtures.event(Fixtures.uniqueSlug("bad-token")))
                .post("/api/events")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("unauthenticated"));
    }

    long now() {
        return Instant.now().getEpochSecond();
    }

    @Test
    void expiredTokenIsRefused() {
        refused(TestInfrastructure.tokens().sign(RS256, claims(Tokens.ISSUER, Tokens.AUDIENCE, now() - 7200, now() - 3600, null)));
    }

    @Test
    void notYetValidTokenIsRefused() {
        refused(TestInfrastructure.tokens().sign(RS256, claims(Tokens.ISSUER, Tokens.AUDIENCE, now(), now() + 7200, now() + 3600)));
    }

    @Test
    void wrongIssuerIsRefused() {
        refused(TestInfrastructure.tokens().sign(RS256, claims("https://evil.example.com", Tokens.AUDIENCE, now(), now() + 3600, null)));
    }

    @Test
    void wrongAudienceIsRefused() {
        refused(TestInfrastructure.tokens().sign(RS256, claims(Tokens.ISSUER, "another-app", now(), now() + 3600, null)));
    }

    @Test
    void unsignedTokenIsRefused() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String token = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims(Tokens.ISSUER, Tokens.AUDIENCE, now(), now() + 3600, null).getBytes(StandardCharsets.UTF_8)) + ".";
        refused(token);
    }

    @Test
    void tamperedTokenIsRefused() {
        String token = TestInfrastructure.tokens().sign(RS256, claims(Tokens.ISSUER, Tokens.AUDIENCE, now(), now() + 3600, null));
        String[] parts = token.split("\\.");
        String forged = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("mallory@example.com", "alice@example.com");
        refused(parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
    }

    @Test
    void tokenSignedByAnotherKeyIsRefused() {
        refused(Tokens.generate().mint("mallory@example.com", java.util.List.of("organizer")));
    }

    @Test
    void noTokenOnAProtectedEndpointIs401AndASpeakerOnAnOrganizerEndpointIs403() {
        given().contentType(ContentType.JSON).body(Fixtures.event(Fixtures.uniqueSlug("anon")))
                .post("/api/events").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", Fixtures.speaker("s@example.com")).contentType(ContentType.JSON)
                .body(Fixtures.event(Fixtures.uniqueSlug("speaker"))).post("/api/events")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("forbidden"));
    }

    @Test
    void anOrganizerOfOneEventCannotChangeAnother() {
        String a = Fixtures.uniqueSlug("event-a");
        String b = Fixtures.uniqueSlug("event-b");
        given().header("Authorization", Fixtures.organizer()).contentType(ContentType.JSON).body(Fixtures.event(a)).post("/api/events").then().statusCode(201);
        given().header("Authorization", Fixtures.organizer()).contentType(ContentType.JSON).body(Fixtures.event(b)).post("/api/events").then().statusCode(201);
        String organizerOfA = Fixtures.bearer("orga@example.com", "organizer:" + a);
        given().header("Authorization", organizerOfA).contentType(ContentType.JSON).header("If-Match", "*")
                .body(Fixtures.event(a)).put("/api/events/" + a).then().statusCode(200);
        given().header("Authorization", organizerOfA).contentType(ContentType.JSON).body(Fixtures.event(b))
                .put("/api/events/" + b).then().statusCode(403);
    }
}
