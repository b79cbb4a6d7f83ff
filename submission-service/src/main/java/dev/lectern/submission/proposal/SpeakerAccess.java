package dev.lectern.submission.proposal;

import dev.lectern.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Who may act on a proposal as its speaker: exactly its current speakers, by email (the {@code proposal_speaker_access}
 * rows, one per speaker, rewritten with every change of the speakers). A caller is one of them when their token's
 * subject or email is one of those emails. The submitter is one of the speakers (the permission table refuses a
 * proposal that does not name them); the organizer who imported a proposal is not.
 */
@ApplicationScoped
public class SpeakerAccess {

    @Inject
    EntityManager em;

    /** Whether the caller is one of the stored proposal's speakers. */
    @Transactional
    public boolean isSpeaker(UUID proposalId, Caller caller) {
        if (!caller.authenticated()) {
            return false;
        }
        Number count = (Number) em.createNativeQuery(
                        "SELECT count(*) FROM proposal_speaker_access WHERE proposal_id = ?1 AND principal = ANY(CAST(?2 AS text[]))")
                .setParameter(1, proposalId)
                .setParameter(2, caller.principals().toArray(String[]::new))
                .getSingleResult();
        return count.longValue() > 0;
    }

    /** Whether these speakers name the caller (for a proposal about to be written with them). */
    public static boolean names(Collection<Speaker> speakers, Caller caller) {
        Set<String> principals = caller.principals();
        return principals(speakers).stream().anyMatch(principals::contains);
    }

    /** The principals the access rows hold for these speakers: their normalised emails, each once. */
    public static Set<String> principals(Collection<Speaker> speakers) {
        Set<String> principals = new LinkedHashSet<>();
        for (Speaker speaker : speakers) {
            principals.add(Caller.normaliseEmail(speaker.email()));
        }
        return principals;
    }

    /** Rewrites a stored proposal's access rows for its current speakers, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    void replace(UUID proposalId, List<Speaker> speakers) {
        em.createNativeQuery("DELETE FROM proposal_speaker_access WHERE proposal_id = ?1")
                .setParameter(1, proposalId)
                .executeUpdate();
        // One statement for all principals: one round trip (and one Hibernate auto-flush) instead of one per speaker.
        em.createNativeQuery("INSERT INTO proposal_speaker_access (proposal_id, principal) "
                        + "SELECT ?1, unnest(CAST(?2 AS text[]))")
                .setParameter(1, proposalId)
                .setParameter(2, principals(speakers).toArray(String[]::new))
                .executeUpdate();
    }
}
