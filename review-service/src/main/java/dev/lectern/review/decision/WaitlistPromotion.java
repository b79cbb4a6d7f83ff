package dev.lectern.review.decision;

import dev.lectern.review.outbox.EventTypes;
import dev.lectern.review.outbox.Outbox;
import dev.lectern.review.projection.ProposalContent;
import dev.lectern.review.projection.ProposalIdentity;
import dev.lectern.review.ranking.ProposalRef;
import dev.lectern.review.security.Caller;
import dev.lectern.review.selection.Promotion;
import dev.lectern.review.selection.SelectionRulesRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The waitlist that moves: when an accepted speaker declines or withdraws, their place is freed and the first
 * waitlisted proposal of that track that fits the program as it now stands is accepted, and its acceptance
 * written to the outbox, all in the transaction that applies the speaker's step. The projection applies each
 * message once and each proposal version once, so a redelivered decline promotes no one a second time.
 */
@ApplicationScoped
public class WaitlistPromotion {

    private static final Logger LOG = Logger.getLogger(WaitlistPromotion.class);

    /** Statuses of a waitlisted proposal that may still move up; a withdrawn one may not. */
    private static final Set<String> PROMOTABLE = Set.of("WAITLISTED", "SUBMITTED");

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    Clock clock = Clock.systemUTC();

    /**
     * Frees the place of an accepted proposal that its speakers gave up, and promotes the next one.
     *
     * @return the promoted proposal, if any; empty also when the proposal held no place
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> placeFreed(UUID proposalId) {
        Decision freed = em.find(Decision.class, proposalId, LockModeType.PESSIMISTIC_WRITE);
        if (freed == null || !freed.holdsPlace()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        freed.releasedAt = now;
        SelectionRulesRecord rules = SelectionRulesRecord.findById(freed.eventSlug);
        ProposalContent freedContent = ProposalContent.findById(proposalId);
        if (rules == null || freedContent == null) {
            return Optional.empty();
        }
        // Every decision of the event is locked: two places freed at once are filled one after the other. A
        // deadlock with a concurrent publish rolls this back and the consumer applies the message again.
        List<Decision> all = em.createQuery("from Decision d where d.eventSlug = :slug order by d.proposalId",
                        Decision.class)
                .setParameter("slug", freed.eventSlug)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        Map<UUID, ProposalContent> contents = new HashMap<>();
        for (ProposalContent content : ProposalContent.<ProposalContent>list("eventSlug", freed.eventSlug)) {
            contents.put(content.id, content);
        }
        Map<UUID, Set<String>> speakers = new HashMap<>();
        for (ProposalIdentity identity : ProposalIdentity.<ProposalIdentity>list("proposalId IN ?1",
                all.stream().map(d -> d.proposalId).toList())) {
            speakers.put(identity.proposalId, identity.speakers.stream().map(s -> Caller.normaliseEmail(s.email()))
                    .filter(e -> e != null && !e.isEmpty()).collect(Collectors.toSet()));
        }
        List<ProposalRef> holding = new ArrayList<>();
        List<Decision> waiting = new ArrayList<>();
        for (Decision d : all) {
            ProposalContent content = contents.get(d.proposalId);
            if (content == null) {
                continue;
            }
            if (d.holdsPlace() && !d.proposalId.equals(proposalId)) {
                holding.add(ref(d, content, speakers));
            } else if (d.decision == Decision.Kind.WAITLISTED && d.publishedAt != null
                    && PROMOTABLE.contains(content.status)) {
                waiting.add(d);
            }
        }
        waiting.sort(java.util.Comparator.comparing((Decision d) -> d.waitlistPosition)
                .thenComparing(d -> d.rank == null ? Integer.MAX_VALUE : d.rank).thenComparing(d -> d.proposalId));
        List<ProposalRef> waitlist = waiting.stream().map(d -> ref(d, contents.get(d.proposalId), speakers)).toList();
        Optional<ProposalRef> next = Promotion.promote(rules.rules(), holding,
                new ProposalRef(proposalId.toString(), freedContent.track, freedContent.format, Set.of()), waitlist);
        if (next.isEmpty()) {
            LOG.infof("place of %s in track %s freed; no waitlisted proposal fits", proposalId, freedContent.track);
            return Optional.empty();
        }
        UUID promotedId = UUID.fromString(next.get().proposalId());
        Decision promoted = all.stream().filter(d -> d.proposalId.equals(promotedId)).findFirst().orElseThrow();
        promoted.decision = Decision.Kind.ACCEPTED;
        promoted.waitlistPosition = null;
        promoted.version++;
        promoted.decidedAt = now;
        promoted.publishedAt = now;
        promoted.publishedMessageId = outbox.append(DecisionPublisher.AGGREGATE, promotedId.toString(),
                promoted.decision.eventType(), EventTypes.DECISIONS_TOPIC, DecisionMessage.of(promoted));
        LOG.infof("place of %s in track %s freed; %s promoted from the waitlist", proposalId, freedContent.track,
                promotedId);
        return Optional.of(promotedId);
    }

    private static ProposalRef ref(Decision d, ProposalContent content, Map<UUID, Set<String>> speakers) {
        return new ProposalRef(d.proposalId.toString(), content.track, content.format,
                speakers.getOrDefault(d.proposalId, Set.of()));
    }
}
