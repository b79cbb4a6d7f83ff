package dev.lectern.platform.security;

import java.util.Locale;
import java.util.Set;

/**
 * Who is calling, from the verified token: {@code sub}, {@code email} and the
 * {@code groups} roles, some scoped to one event ({@code organizer:ospocon-china-2023}).
 */
public record Caller(String subject, String email, Set<String> groups) {

    public static final Caller ANONYMOUS = new Caller(null, null, Set.of());

    public boolean authenticated() {
        return subject != null;
    }

    public boolean hasRole(String role) {
        return groups.contains(role);
    }

    /** A role held for every event, or for this one. */
    public boolean hasRole(String role, String eventSlug) {
        return groups.contains(role) || (eventSlug != null && groups.contains(role + ":" + eventSlug));
    }

    /** A role held for some event at least. */
    public boolean hasAnyScopeOf(String role) {
        return groups.contains(role) || groups.stream().anyMatch(group -> group.startsWith(role + ":"));
    }

    /** The principals a proposal's access list may name for this caller: the subject and the email. */
    public Set<String> principals() {
        if (email == null || email.isBlank()) {
            return Set.of(subject);
        }
        String normalised = normaliseEmail(email);
        return normalised.equals(subject) ? Set.of(subject) : Set.of(subject, normalised);
    }

    public static String normaliseEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }
}
