package dev.lectern.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The roles a verified token's {@code groups} claim names, read from the token's own claims. A group is the
 * whole string: an array of strings is those groups; a single string (some identity providers send a
 * single-valued claim so) is one group, never split on spaces, so {@code "Former organizer"} is not the
 * role {@code organizer}. Anything else names no group. Pure logic.
 */
public final class GroupsClaim {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GroupsClaim() {
    }

    /** The groups of a compact JWS whose signature was already verified. */
    public static Set<String> ofToken(String compactToken) {
        if (compactToken == null) {
            return Set.of();
        }
        String[] parts = compactToken.split("\\.", -1);
        if (parts.length != 3) {
            return Set.of();
        }
        try {
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            return of(claims == null ? null : claims.get("groups"));
        } catch (IOException | IllegalArgumentException e) {
            return Set.of();
        }
    }

    /** The groups a {@code groups} claim's value names. */
    public static Set<String> of(JsonNode claim) {
        if (claim == null || claim.isNull()) {
            return Set.of();
        }
        if (claim.isTextual()) {
            return claim.asText().isBlank() ? Set.of() : Set.of(claim.asText());
        }
        Set<String> groups = new LinkedHashSet<>();
        if (claim.isArray()) {
            claim.forEach(group -> {
                if (group.isTextual() && !group.asText().isBlank()) {
                    groups.add(group.asText());
                }
            });
        }
        return Set.copyOf(groups);
    }
}
