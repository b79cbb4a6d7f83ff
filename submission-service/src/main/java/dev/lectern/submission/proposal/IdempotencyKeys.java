package dev.lectern.submission.proposal;

import dev.lectern.platform.problem.ProblemException;
import jakarta.persistence.EntityManager;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code Idempotency-Key} on POST: a client that retries after a timeout gets the proposal its first
 * attempt created, not a second one. Concurrent attempts with one key are serialised by a transaction
 * advisory lock, so only one of them creates.
 */
final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    /** Locks the key for this transaction; returns the proposal an earlier request with it created. */
    static Optional<Proposal> claim(EntityManager em, String principal, String key, ProposalRequest request) {
        if (key.length() > 200) {
            throw new ProblemException(400, "bad-request");
        }
        // The principal's length keeps ("ab", "c") and ("a", "bc") apart; PostgreSQL text cannot hold a NUL separator.
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, principal.length() + ":" + principal + ":" + key)
                .getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT request_hash, resource_id FROM idempotency_key WHERE principal = ?1 AND key = ?2")
                .setParameter(1, principal)
                .setParameter(2, key)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        if (!rows.get(0)[0].equals(hash(request))) {
            throw new ProblemException(422, "idempotency-key-reused");
        }
        return Optional.ofNullable(Proposal.findById((UUID) rows.get(0)[1]));
    }

    static void record(EntityManager em, String principal, String key, ProposalRequest request, UUID proposalId) {
        em.createNativeQuery("INSERT INTO idempotency_key (principal, key, request_hash, resource_id) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, principal)
                .setParameter(2, key)
                .setParameter(3, hash(request))
                .setParameter(4, proposalId)
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
