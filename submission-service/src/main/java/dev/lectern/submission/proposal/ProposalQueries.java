package dev.lectern.submission.proposal;

import dev.lectern.submission.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads of proposals: a speaker's own, an event's for its organizers. */
@ApplicationScoped
public class ProposalQueries {

    @Inject
    EntityManager em;

    @Transactional
    public Optional<String> eventSlugOf(UUID proposalId) {
        @SuppressWarnings("unchecked")
        List<String> slugs = em.createNativeQuery(
                        "SELECT e.slug FROM proposal p JOIN event e ON e.id = p.event_id WHERE p.id = ?1")
                .setParameter(1, proposalId)
                .getResultList();
        return slugs.stream().findFirst();
    }

    @Transactional
    public List<ProposalView> mine(Caller caller) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createQuery(
                        "SELECT p, e.slug FROM Proposal p, Event e WHERE e.id = p.eventId AND p.id IN "
                                + "(SELECT a.proposalId FROM ProposalSpeakerAccess a WHERE a.principal IN :principals) "
                                + "ORDER BY p.createdAt DESC, p.id")
                .setParameter("principals", caller.principals())
                .setMaxResults(1000)
                .getResultList();
        return rows.stream().map(row -> ProposalView.of((Proposal) row[0], (String) row[1])).toList();
    }
}
