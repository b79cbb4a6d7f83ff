package dev.lectern.submission.proposal;

import dev.lectern.platform.problem.ProblemException;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code Idempotency-Key} on POST: a client that retries after a timeout gets the proposal its first
 * attempt created, not a second one. A key belongs to its caller and its endpoint ({@code scope}, the event
 * included), and lives {@code lectern.idempotency.ttl} (24 h by default): after that it is a new request, and
 * {@link IdempotencyKeyPurge} deletes it. Concurrent attempts with one key are serialised by a transaction
 * advisory lock, so only one of them creates.
 */
final class IdempotencyKeys {

    static final String TTL = "lectern.idempotency.ttl";

    private IdempotencyKeys() {
    }

    static Duration ttl() {
        return ConfigProvider.getConfig().getOptionalValue(TTL, Duration.class).orElse(Duration.ofHours(24));
    }

    /** The scope of a key sent to {@code POST /api/events/{event}/proposals}. */
    static String proposalsOf(String eventSlug) {
        return "POST /api/events/" + eventSlug + "/proposals";
    }

    /** Locks the key for this transaction; returns the proposal an earlier request with it created. */
    static Optional<Proposal> claim(EntityManager em, String principal, String scope, String key, ProposalRequest request) {
        if (key.length() > 200) {
            throw new ProblemException(400, "bad-request");
        }
        // The lengths keep ("ab", "c") and ("a", "bc") apart; PostgreSQL text cannot hold a NUL separator.
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, principal.length() + ":" + principal + ":" + scope.length() + ":" + scope + ":" + key)
                .getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT request_hash, resource_id FROM idempotency_key "
                        + "WHERE principal = ?1 AND scope = ?2 AND key = ?3 AND created_at > now() - CAST(?4 AS interval)")
                .setParameter(1, principal)
                .setParameter(2, scope)
                .setParameter(3, key)
                .setParameter(4, ttl().toSeconds() + " seconds")
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        if (!rows.get(0)[0].equals(hash(request))) {
            throw new ProblemException(422, "idempotency-key-reused");
        }
        return Optional.ofNullable(Proposal.findById((UUID) rows.get(0)[1]));
    }

    /** Records the key; an expired one not yet purged is replaced. */
    static void record(EntityManager em, String principal, String scope, String key, ProposalRequest request,
                       UUID proposalId) {
        em.createNativeQuery("INSERT INTO idempotency_key (principal, scope, key, request_hash, resource_id) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (principal, scope, key) DO UPDATE SET "
                        + "request_hash = EXCLUDED.request_hash, resource_id = EXCLUDED.resource_id, created_at = now()")
                .setParameter(1, principal)
                .setParameter(2, scope)
                .setParameter(3, key)
                .setParameter(4, hash(request))
                .setParameter(5, proposalId)
                .executeUpdate();
    }

    private static String hash(ProposalRequest request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(request.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
