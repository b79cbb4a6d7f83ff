package dev.lectern.review.decision;

import dev.lectern.review.outbox.EventTypes;
import dev.lectern.platform.outbox.Outbox;
import dev.lectern.review.projection.ProposalContent;
import dev.lectern.review.projection.ProposalIdentity;
import dev.lectern.review.projection.ProposalStatus;
import dev.lectern.review.projection.ReviewEvent;
import dev.lectern.review.ranking.ProposalRef;
import dev.lectern.platform.security.Caller;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The waitlist that moves: when an accepted speaker declines or withdraws, their place is freed and the first
 * waitlisted proposal of that track that fits the program as it now stands (from the statuses submission-service
 * applied, whoever decided them) is accepted, and its acceptance
 * written to the outbox, all in the transaction that applies the speaker's step. The projection applies each
 * message once and each proposal version once, so a redelivered decline promotes no one a second time.
 */
@ApplicationScoped
public class WaitlistPromotion {

    private static final Logger LOG = Logger.getLogger(WaitlistPromotion.class);

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    Clock clock = Clock.systemUTC();

    /**
     * Frees the place of a proposal that its speakers gave up, and promotes the next one. A proposal held a place
     * if submission-service had it ACCEPTED or CONFIRMED (whoever decided it: review-service or organizer
     * tooling), or if review-service's acceptance of it was still on its way.
     *
     * @param before the proposal's status before this change, null if review-service had not seen it
     * @return the promoted proposal, if any; empty also when the proposal held no place
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> placeFreed(UUID proposalId, ProposalStatus before) {
        ProposalContent freedContent = ProposalContent.findById(proposalId);
        if (freedContent != null) {
            // The event's row first, as selection and publishing take it: one lock order for everything that
            // writes an event's decisions, so none of them deadlocks with another.
            em.find(ReviewEvent.class, freedContent.eventSlug, LockModeType.PESSIMISTIC_WRITE);
        }
        Decision freed = em.find(Decision.class, proposalId, LockModeType.PESSIMISTIC_WRITE);
        boolean heldByDecision = freed != null && freed.holdsPlace();
        if (!heldByDecision && (before == null || !before.holdsPlace())) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (freed != null && freed.releasedAt == null && freed.decision == Decision.Kind.ACCEPTED) {
            freed.releasedAt = now;
        }
        SelectionRulesRecord rules = freedContent == null ? null : SelectionRulesRecord.findById(freedContent.eventSlug);
        if (rules == null) {
            return Optional.empty();
        }
        String event = freedContent.eventSlug;
        // Every decision of the event is locked (after the event's row): two places freed at once are filled one
        // after the other.
        Map<UUID, Decision> decisions = new HashMap<>();
        for (Decision d : em.createQuery("from Decision d where d.eventSlug = :slug order by d.proposalId", Decision.class)
                .setParameter("slug", event)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()) {
            decisions.put(d.proposalId, d);
        }
        List<ProposalContent> contents = ProposalContent.<ProposalContent>list("eventSlug", event);
        Map<UUID, Set<String>> speakers = new HashMap<>();
        for (ProposalIdentity identity : ProposalIdentity.<ProposalIdentity>list("proposalId IN ?1",
                contents.stream().map(c -> c.id).toList())) {
            speakers.put(identity.proposalId, identity.speakers.stream().map(s -> Caller.normaliseEmail(s.email()))
                    .filter(e -> e != null && !e.isEmpty()).collect(Collectors.toSet()));
        }
        List<ProposalRef> holding = new ArrayList<>();
        List<ProposalContent> waiting = new ArrayList<>();
        for (ProposalContent content : contents) {
            if (content.id.equals(proposalId)) {
                continue;
            }
            ProposalStatus status = ProposalStatus.of(content.status);
            Decision d = decisions.get(content.id);
            boolean acceptanceOnItsWay = d != null && d.holdsPlace() && !status.finalForSelection();
            if (status.holdsPlace() || acceptanceOnItsWay) {
                holding.add(ref(content, speakers));
            } else if (status.promotable()
                    || (status.inReview() && d != null && d.decision == Decision.Kind.WAITLISTED && d.publishedAt != null)) {
                waiting.add(content);
            }
        }
        // In waitlist order: review-service's positions first; proposals waitlisted elsewhere (organizer tooling)
        // after them, by rank, then by id.
        waiting.sort(Comparator.comparing((ProposalContent c) -> position(decisions.get(c.id)),
                        Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(c -> rank(decisions.get(c.id))).thenComparing(c -> c.id));
        List<ProposalRef> waitlist = waiting.stream().map(c -> ref(c, speakers)).toList();
        Optional<ProposalRef> next = Promotion.promote(rules.rules(), holding,
                new ProposalRef(proposalId.toString(), freedContent.track, freedContent.format, Set.of()), waitlist);
        if (next.isEmpty()) {
            LOG.infof("place of %s in track %s freed; no waitlisted proposal fits", proposalId, freedContent.track);
            return Optional.empty();
        }
        UUID promotedId = UUID.fromString(next.get().proposalId());
        Decision promoted = decisions.get(promotedId);
        if (promoted == null) {
            promoted = new Decision();
            promoted.proposalId = promotedId;
            promoted.eventSlug = event;
            promoted.version = 0;
            em.persist(promoted);
        }
        promoted.decision = Decision.Kind.ACCEPTED;
        promoted.waitlistPosition = null;
        promoted.releasedAt = null;
        promoted.version++;
        promoted.decidedAt = now;
        promoted.publishedAt = now;
        promoted.publishedMessageId = outbox.append(DecisionPublisher.AGGREGATE, promotedId.toString(),
                promoted.decision.eventType(), EventTypes.DECISIONS_TOPIC,
                DecisionMessage.of(promoted, DecisionPublisher.respondBy(em, event)));
        LOG.infof("place of %s in track %s freed; %s promoted from the waitlist", proposalId, freedContent.track,
                promotedId);
        return Optional.of(promotedId);
    }

    private static Integer position(Decision d) {
        return d != null && d.decision == Decision.Kind.WAITLISTED ? d.waitlistPosition : null;
    }

    private static int rank(Decision d) {
        return d == null || d.rank == null ? Integer.MAX_VALUE : d.rank;
    }

    private static ProposalRef ref(ProposalContent content, Map<UUID, Set<String>> speakers) {
        return new ProposalRef(content.id.toString(), content.track, content.format,
                speakers.getOrDefault(content.id, Set.of()));
    }
}
