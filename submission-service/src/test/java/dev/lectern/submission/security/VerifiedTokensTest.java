package dev.lectern.submission.security;

import dev.lectern.platform.security.VerifiedTokens;

import dev.lectern.infra.TestInfrastructure;
import dev.lectern.infra.Tokens;
import dev.lectern.submission.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A verified token is remembered by its exact text, and only a verified one. */
@QuarkusTest
class VerifiedTokensTest {

    @Inject
    VerifiedTokens verifiedTokens;

    int createEvent(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(Fixtures.event(Fixtures.uniqueSlug("cached-token")))
                .post("/api/events")
                .then().extract().statusCode();
    }

    @Test
    void aTokenIsVerifiedOnceAndAnyOtherTextIsVerifiedAfresh() {
        String token = TestInfrastructure.tokens().mint("carol-" + System.nanoTime() + "@example.com",
                List.of("organizer"), "carol@example.com", "Carol", Duration.ofMinutes(10));
        assertFalse(verifiedTokens.remembers(token));

        assertEquals(201, createEvent(token));
        assertTrue(verifiedTokens.remembers(token), "the verified token is remembered");
        assertEquals(201, createEvent(token), "and accepted again from the cache");

        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String otherSubject = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.replace("carol-", "mallory-").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertEquals(401, createEvent(otherSubject), "the cached token's signature does not vouch for other claims");
        char last = parts[2].charAt(parts[2].length() - 2);
        String otherSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);
        assertEquals(401, createEvent(otherSignature), "nor does a signature differing in one character");
        String otherKey = Tokens.generate().mint("carol@example.com", List.of("organizer"));
        assertEquals(401, createEvent(otherKey), "nor a token signed by another key");
        assertFalse(verifiedTokens.remembers(otherSubject) || verifiedTokens.remembers(otherSignature)
                || verifiedTokens.remembers(otherKey), "refused tokens are not remembered");
    }
}
