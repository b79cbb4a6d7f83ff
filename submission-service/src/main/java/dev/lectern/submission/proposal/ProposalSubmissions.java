package dev.lectern.submission.proposal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.submission.Ids;
import dev.lectern.submission.event.Event;
import dev.lectern.submission.event.EventCache;
import dev.lectern.platform.outbox.Outbox;
import dev.lectern.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** New proposals from the submit API: checked against their event, written with their speaker access and their event. */
@ApplicationScoped
public class ProposalSubmissions {

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper mapper;

    @Inject
    EventCache eventCache;

    @Inject
    NewProposals newProposals;

    /** The proposal and whether it was made by an earlier request with the same Idempotency-Key. */
    public record Created(Proposal proposal, String eventSlug, boolean replayed) {
    }

    /**
     * Creates a proposal submitted by {@code submitter} (a subject). Without an Idempotency-Key, {@link NewProposals}
     * writes it together with the other submissions arriving at the same time, in one transaction, and this returns
     * once that committed: the request itself runs no transaction (the event comes from the cache). With a key, see
     * {@link #createOnce}.
     */
    public Created create(String eventSlug, ProposalRequest request, String submitter, String idempotencyKey) {
        if (idempotencyKey != null) {
            return createOnce(eventSlug, request, submitter, idempotencyKey);
        }
        Event event = eventCache.bySlug(eventSlug).orElseThrow(ProblemException::notFound);
        Proposal proposal = newProposal(event, request, submitter);
        newProposals.write(new NewProposals.NewProposal(proposal,
                ProposalEvents.of(proposal, event.slug, ProposalEvents.created(proposal.status))));
        return new Created(proposal, eventSlug, false);
    }

    /**
     * Creates a proposal once per Idempotency-Key, in a transaction of its own: claims the key (or finds the
     * proposal an earlier request with it made), writes the proposal and its event, and records the key.
     */
    @Transactional
    public Created createOnce(String eventSlug, ProposalRequest request, String submitter, String idempotencyKey) {
        Event event = eventCache.bySlug(eventSlug).orElseThrow(ProblemException::notFound);
        String scope = IdempotencyKeys.proposalsOf(event.slug);
        Optional<Proposal> earlier = IdempotencyKeys.claim(em, submitter, scope, idempotencyKey, request);
        if (earlier.isPresent()) {
            return new Created(earlier.get(), eventSlug, true);
        }
        Proposal proposal = newProposal(event, request, submitter);
        // Written with JDBC, not persisted: nothing else in this transaction reads it through the session.
        ProposalRows.insert(em, mapper, proposal);
        IdempotencyKeys.record(em, submitter, scope, idempotencyKey, request, proposal.id);
        outbox.append(ProposalEvents.of(proposal, event.slug, ProposalEvents.created(proposal.status)));
        return new Created(proposal, eventSlug, false);
    }

    /** A new proposal from a request, checked against its event: not yet written. */
    private Proposal newProposal(Event event, ProposalRequest request, String owner) {
        Instant now = clock.instant();
        ProposalRules.requireOpen(event, now);
        ProposalRules.validate(event, request, !request.isDraft());
        Proposal proposal = new Proposal();
        proposal.id = Ids.timeOrdered();
        proposal.eventId = event.id;
        proposal.ownerSubject = owner;
        proposal.createdAt = now;
        proposal.version = 1;
        proposal.status = request.isDraft() ? ProposalStatus.DRAFT : ProposalStatus.SUBMITTED;
        proposal.submittedAt = request.isDraft() ? null : now;
        ProposalContent.copy(request, proposal, now);
        return proposal;
    }
}
