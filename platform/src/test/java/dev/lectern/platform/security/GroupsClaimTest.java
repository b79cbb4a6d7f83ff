package dev.lectern.platform.security;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A group is the whole string: a single-valued claim is never split into roles. */
class GroupsClaimTest {

    private static String token(String claimsJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8)) + ".sig";
    }

    @Test
    void anArrayNamesItsGroups() {
        assertEquals(Set.of("speaker", "reviewer:ospocon-china-2023"),
                GroupsClaim.ofToken(token("{\"groups\":[\"speaker\",\"reviewer:ospocon-china-2023\"]}")));
    }

    @Test
    void aStringIsOneGroupNeverSplitOnSpaces() {
        assertEquals(Set.of("Former organizer"), GroupsClaim.ofToken(token("{\"groups\":\"Former organizer\"}")));
        assertEquals(Set.of("organizer"), GroupsClaim.ofToken(token("{\"groups\":\"organizer\"}")));
    }

    @Test
    void anythingElseNamesNoGroup() {
        assertEquals(Set.of(), GroupsClaim.ofToken(token("{\"sub\":\"a\"}")));
        assertEquals(Set.of(), GroupsClaim.ofToken(token("{\"groups\":{\"organizer\":true}}")));
        assertEquals(Set.of("speaker"), GroupsClaim.ofToken(token("{\"groups\":[\"speaker\",1,null,\" \"]}")));
        assertEquals(Set.of(), GroupsClaim.ofToken("not-a-token"));
    }
}
