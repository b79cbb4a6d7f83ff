package dev.lectern.submission.proposal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.submission.Ids;
import dev.lectern.submission.event.Event;
import dev.lectern.submission.event.EventCache;
import dev.lectern.submission.event.Format;
import dev.lectern.submission.outbox.EventTypes;
import dev.lectern.submission.outbox.Outbox;
import dev.lectern.submission.problem.FieldError;
import dev.lectern.submission.problem.ProblemException;
import dev.lectern.submission.proposal.ProposalLifecycle.Step;
import dev.lectern.submission.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Every change to a proposal goes through here, asks {@link ProposalLifecycle}, and writes its event to the outbox. */
@ApplicationScoped
public class ProposalService {

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
     * Creates a proposal. Without an Idempotency-Key, {@link NewProposals} writes it together with the other
     * submissions arriving at the same time, in one transaction, and this returns once that committed: the request
     * itself runs no transaction (the event comes from the cache). With a key, see {@link #createOnce}.
     */
    public Created create(String eventSlug, ProposalRequest request, Caller caller, String idempotencyKey) {
        if (idempotencyKey != null) {
            return createOnce(eventSlug, request, caller, idempotencyKey);
        }
        Event event = eventCache.bySlug(eventSlug).orElseThrow(ProblemException::notFound);
        Proposal proposal = newProposal(event, request, caller.subject());
        newProposals.write(new NewProposals.NewProposal(proposal, principals(proposal),
                event(proposal, event.slug, createdChange(request))));
        return new Created(proposal, eventSlug, false);
    }

    /**
     * Creates a proposal once per Idempotency-Key, in a transaction of its own: claims the key (or finds the
     * proposal an earlier request with it made), writes the proposal and its event, and records the key.
     */
    @Transactional
    public Created createOnce(String eventSlug, ProposalRequest request, Caller caller, String idempotencyKey) {
        Event event = eventCache.bySlug(eventSlug).orElseThrow(ProblemException::notFound);
        String principal = caller.subject();
        String scope = IdempotencyKeys.proposalsOf(event.slug);
        Optional<Proposal> earlier = IdempotencyKeys.claim(em, principal, scope, idempotencyKey, request);
        if (earlier.isPresent()) {
            return new Created(earlier.get(), eventSlug, true);
        }
        Proposal proposal = newProposal(event, request, principal);
        // Written with JDBC, not persisted: nothing else in this transaction reads it through the session.
        ProposalRows.insert(em, mapper, proposal, principals(proposal));
        IdempotencyKeys.record(em, principal, scope, idempotencyKey, request, proposal.id);
        emit(proposal, event.slug, createdChange(request));
        return new Created(proposal, eventSlug, false);
    }

    /** The change a new proposal's event names: drafted or submitted. */
    private static String createdChange(ProposalRequest request) {
        return request.isDraft() ? "drafted" : "submitted";
    }

    /** A new proposal from a request, checked against its event: not yet written. */
    private Proposal newProposal(Event event, ProposalRequest request, String owner) {
        requireOpen(event);
        validate(event, request, !request.isDraft());
        Instant now = clock.instant();
        Proposal proposal = new Proposal();
        proposal.id = Ids.timeOrdered();
        proposal.eventId = event.id;
        proposal.ownerSubject = owner;
        proposal.createdAt = now;
        proposal.version = 1;
        proposal.status = request.isDraft() ? ProposalStatus.DRAFT : ProposalStatus.SUBMITTED;
        proposal.submittedAt = request.isDraft() ? null : now;
        copy(request, proposal, now);
        return proposal;
    }

    /** Reads a proposal the caller may see, or answers 404 as if it did not exist. */
    @Transactional
    public Proposal read(UUID id, Caller caller, boolean organizerOfItsEvent) {
        Proposal proposal = Proposal.<Proposal>findByIdOptional(id).orElseThrow(ProblemException::notFound);
        if (!organizerOfItsEvent && !isSpeaker(id, caller)) {
            throw ProblemException.notFound();
        }
        return proposal;
    }

    @Transactional
    public Proposal update(UUID id, ProposalRequest request, String ifMatch, Caller caller) {
        Proposal proposal = lockForSpeaker(id, caller);
        Event event = Event.findById(proposal.eventId);
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "precondition-required");
        }
        if (!matches(ifMatch, proposal.version)) {
            throw new ProblemException(412, "precondition-failed", proposal.version);
        }
        ProposalStatus next = ProposalLifecycle.next(proposal.status, Step.EDIT)
                .orElseThrow(() -> refused(proposal.status, Step.EDIT));
        requireOpen(event);
        validate(event, request, next != ProposalStatus.DRAFT);
        Instant now = clock.instant();
        copy(request, proposal, now);
        proposal.version++;
        revokeAccess(proposal.id);
        grantAccess(proposal);
        emit(proposal, event.slug, Step.EDIT.event());
        return proposal;
    }

    /** A speaker's lifecycle step: submit, withdraw, confirm or decline. */
    @Transactional
    public Proposal speakerStep(UUID id, Step step, Caller caller) {
        Proposal proposal = lockForSpeaker(id, caller);
        Event event = Event.findById(proposal.eventId);
        ProposalStatus next = ProposalLifecycle.next(proposal.status, step)
                .orElseThrow(() -> refused(proposal.status, step));
        if (ProposalLifecycle.needsOpenCfp(step)) {
            requireOpen(event);
        }
        if (step == Step.SUBMIT) {
            validate(event, asRequest(proposal), true);
            proposal.submittedAt = clock.instant();
        }
        return transition(proposal, event, next, step);
    }

    /** What became of a decision from review. */
    public enum DecisionOutcome { APPLIED, ALREADY_APPLIED, UNKNOWN_PROPOSAL, WRONG_EVENT, NOT_ALLOWED }

    /**
     * A decision from review (accept, waitlist, reject), applied through the lifecycle like any other
     * step. A decision the proposal already carries changes nothing and emits nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public DecisionOutcome decide(UUID id, String eventSlug, Step step) {
        return decide(id, eventSlug, step, null);
    }

    /** Which decision message a change applies: its CloudEvent id and source, named in decision-applied's data. */
    public record DecisionRef(String id, String source) {
    }

    /** As {@link #decide(UUID, String, Step)}; the emitted decision-applied event names {@code decision}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public DecisionOutcome decide(UUID id, String eventSlug, Step step, DecisionRef decision) {
        Proposal proposal = Proposal.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (proposal == null) {
            return DecisionOutcome.UNKNOWN_PROPOSAL;
        }
        Event event = Event.findById(proposal.eventId);
        if (!event.slug.equals(eventSlug)) {
            return DecisionOutcome.WRONG_EVENT;
        }
        Optional<ProposalStatus> next = ProposalLifecycle.next(proposal.status, step);
        if (ProposalLifecycle.carries(proposal.status, step)) {
            return DecisionOutcome.ALREADY_APPLIED;
        }
        if (next.isEmpty()) {
            return DecisionOutcome.NOT_ALLOWED;
        }
        proposal.status = next.get();
        proposal.version++;
        proposal.updatedAt = clock.instant();
        Object payload = ProposalView.of(proposal, event.slug);
        if (decision != null) {
            payload = mapper.<com.fasterxml.jackson.databind.node.ObjectNode>valueToTree(payload)
                    .set("decision", mapper.valueToTree(decision));
        }
        outbox.append(new Outbox.Message("proposal", proposal.id.toString(), EventTypes.proposal(step.event()),
                EventTypes.PROPOSALS_TOPIC, payload));
        return DecisionOutcome.APPLIED;
    }

    /** The current status, for messages about a decision that could not be applied. */
    public Optional<ProposalStatus> statusOf(UUID id) {
        return Proposal.<Proposal>findByIdOptional(id).map(p -> p.status);
    }

    private Proposal transition(Proposal proposal, Event event, ProposalStatus next, Step step) {
        proposal.status = next;
        proposal.version++;
        proposal.updatedAt = clock.instant();
        emit(proposal, event.slug, step.event());
        return proposal;
    }

    private void emit(Proposal proposal, String eventSlug, String change) {
        outbox.append(event(proposal, eventSlug, change));
    }

    private static Outbox.Message event(Proposal proposal, String eventSlug, String change) {
        return new Outbox.Message("proposal", proposal.id.toString(), EventTypes.proposal(change), EventTypes.PROPOSALS_TOPIC,
                ProposalView.of(proposal, eventSlug));
    }

    private Proposal lockForSpeaker(UUID id, Caller caller) {
        if (!isSpeaker(id, caller)) {
            throw ProblemException.notFound();
        }
        Proposal proposal = Proposal.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (proposal == null) {
            throw ProblemException.notFound();
        }
        return proposal;
    }

    public boolean isSpeaker(UUID id, Caller caller) {
        if (!caller.authenticated()) {
            return false;
        }
        Number count = (Number) em.createNativeQuery(
                        "SELECT count(*) FROM proposal_speaker_access WHERE proposal_id = ?1 AND principal = ANY(CAST(?2 AS text[]))")
                .setParameter(1, id)
                .setParameter(2, caller.principals().toArray(String[]::new))
                .getSingleResult();
        return count.longValue() > 0;
    }

    /** Who may act on a proposal as its speaker: its owner and each speaker by email. */
    private static Set<String> principals(Proposal proposal) {
        Set<String> principals = new LinkedHashSet<>();
        principals.add(proposal.ownerSubject);
        for (Speaker speaker : proposal.speakers) {
            principals.add(Caller.normaliseEmail(speaker.email()));
        }
        return principals;
    }

    private void grantAccess(Proposal proposal) {
        // One statement for all principals: one round trip (and one Hibernate auto-flush) instead of one per speaker.
        em.createNativeQuery("INSERT INTO proposal_speaker_access (proposal_id, principal) "
                        + "SELECT ?1, unnest(CAST(?2 AS text[])) ON CONFLICT DO NOTHING")
                .setParameter(1, proposal.id)
                .setParameter(2, principals(proposal).toArray(String[]::new))
                .executeUpdate();
    }

    private void revokeAccess(UUID proposalId) {
        em.createNativeQuery("DELETE FROM proposal_speaker_access WHERE proposal_id = ?1")
                .setParameter(1, proposalId)
                .executeUpdate();
    }

    private void requireOpen(Event event) {
        if (!event.cfpOpenAt(clock.instant())) {
            DateTimeFormatter format = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
            throw new ProblemException(409, "cfp-closed", event.slug,
                    format.format(event.cfpOpensAt.atZone(event.zone())),
                    format.format(event.cfpClosesAt.atZone(event.zone())), event.timeZone);
        }
    }

    static ProblemException refused(ProposalStatus current, Step step) {
        return new ProblemException(409, "invalid-transition", current.name(), step.label());
    }

    /** The rules that need the event: its tracks, formats, languages, and the format's speaker count. */
    public static void validate(Event event, ProposalRequest request, boolean complete) {
        List<FieldError> errors = new ArrayList<>();
        Optional<Format> format = event.format(request.format());
        if (format.isEmpty()) {
            errors.add(new FieldError("format", "unknown-format", null));
        }
        if (!event.hasTrack(request.track())) {
            errors.add(new FieldError("track", "unknown-track", null));
        }
        if (!event.languages.contains(request.language())) {
            errors.add(new FieldError("language", "unknown-language", null));
        }
        int speakers = request.speakers().size();
        if (complete && format.isPresent()
                && (speakers < format.get().minSpeakers() || speakers > format.get().maxSpeakers())) {
            errors.add(new FieldError("speakers", "speaker-count", null));
        }
        Set<String> emails = new java.util.HashSet<>();
        for (int i = 0; i < speakers; i++) {
            if (!emails.add(Caller.normaliseEmail(request.speakers().get(i).email()))) {
                errors.add(new FieldError("speakers[" + i + "].email", "duplicate", null));
            }
        }
        if (!errors.isEmpty()) {
            // The speaker-count message names the format's range: {0} and {1}.
            throw new ProblemException(400, "validation-failed", errors,
                    format.map(Format::minSpeakers).orElse(0), format.map(Format::maxSpeakers).orElse(0));
        }
    }

    // Bulk import (issue 7): an organizer's migration, outside the CFP window and the speaker lifecycle.

    /** What an import did, or would do, to one record. */
    public enum ImportOutcome { CREATED, UPDATED, UNCHANGED }

    /** What importing a record did, and the proposal as it now is (the stored one when unchanged). */
    public record Imported(ImportOutcome outcome, Proposal proposal) {
    }

    /**
     * The status an imported record ends up in: the one it names (migrated history, set directly, not a
     * lifecycle step); else the existing proposal's; else DRAFT or SUBMITTED as {@code draft} says.
     */
    public static ProposalStatus importStatus(Proposal existing, ProposalRequest request, ProposalStatus named) {
        if (named != null) {
            return named;
        }
        if (existing != null) {
            return existing.status;
        }
        return request.isDraft() ? ProposalStatus.DRAFT : ProposalStatus.SUBMITTED;
    }

    /** What importing the record would do, without writing anything (dry runs). */
    public static ImportOutcome importOutcome(Proposal existing, ProposalRequest request, ProposalStatus status) {
        if (existing == null) {
            return ImportOutcome.CREATED;
        }
        return sameAs(existing, request, status) ? ImportOutcome.UNCHANGED : ImportOutcome.UPDATED;
    }

    /** The event's proposals with these external ids (locked if {@code lock}), by external id, for imports. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Proposal> byExternalIds(Event event, Collection<String> externalIds, boolean lock) {
        return ProposalRows.byExternalIds(em, mapper, event.id, externalIds, lock);
    }

    /** One record of an import, validated by the caller: the proposal it names (locked) or null, and what to make of it. */
    public record ImportCommand(Proposal existing, String externalId, ProposalRequest request, ProposalStatus status) {
    }

    /**
     * Creates the event's proposals with these external ids, or brings the existing ones (locked by the
     * caller with {@link #byExternalIds}) in line with their records, in the caller's transaction. The
     * caller has validated each record with {@link #validate}; the CFP window does not apply. An unchanged
     * record writes nothing and emits nothing; otherwise one event each, as for any change. The importing
     * organizer is recorded as owner but gets no speaker access: the speakers do.
     *
     * <p>The whole batch is written with a handful of batched statements, whatever its size: rows for
     * the created proposals, the changed ones, their speaker access and their outbox events.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Imported> importBatch(Event event, List<ImportCommand> commands, String importer) {
        Instant now = clock.instant();
        List<Imported> results = new ArrayList<>(commands.size());
        List<Proposal> created = new ArrayList<>();
        List<Proposal> updated = new ArrayList<>();
        List<Outbox.Message> events = new ArrayList<>();
        for (ImportCommand command : commands) {
            Proposal existing = command.existing();
            ImportOutcome outcome = importOutcome(existing, command.request(), command.status());
            if (outcome == ImportOutcome.UNCHANGED) {
                results.add(new Imported(outcome, existing));
                continue;
            }
            // Plain objects, never the session's (byExternalIds reads rows, not entities): the batch is written
            // with plain statements below.
            Proposal proposal = existing;
            if (proposal == null) {
                proposal = new Proposal();
                proposal.id = Ids.timeOrdered();
                proposal.eventId = event.id;
                proposal.externalId = command.externalId();
                proposal.ownerSubject = importer;
                proposal.createdAt = now;
                proposal.version = 1;
                created.add(proposal);
            } else {
                proposal.version++;
                updated.add(proposal);
            }
            proposal.status = command.status();
            if (proposal.status != ProposalStatus.DRAFT && proposal.submittedAt == null) {
                proposal.submittedAt = now;
            }
            copy(command.request(), proposal, now);
            // review-service knows drafted/submitted/updated; the payload carries the imported status.
            String change = existing != null ? Step.EDIT.event()
                    : proposal.status == ProposalStatus.DRAFT ? "drafted" : "submitted";
            events.add(new Outbox.Message("proposal", proposal.id.toString(), EventTypes.proposal(change),
                    EventTypes.PROPOSALS_TOPIC, ProposalView.of(proposal, event.slug)));
            results.add(new Imported(outcome, proposal));
        }
        if (!created.isEmpty() || !updated.isEmpty()) {
            ProposalRows.write(em, mapper, created, updated);
            outbox.appendAll(events);
        }
        return results;
    }

    private static boolean sameAs(Proposal proposal, ProposalRequest request, ProposalStatus status) {
        return proposal.status == status
                && java.util.Objects.equals(proposal.title, request.title())
                && java.util.Objects.equals(proposal.abstractText, request.abstractText())
                && java.util.Objects.equals(proposal.description, request.description())
                && java.util.Objects.equals(proposal.format, request.format())
                && java.util.Objects.equals(proposal.track, request.track())
                && java.util.Objects.equals(proposal.language, request.language())
                && java.util.Objects.equals(proposal.tags, request.tagsOrEmpty())
                && java.util.Objects.equals(proposal.speakers, request.speakers())
                && java.util.Objects.equals(proposal.notes, request.notes());
    }

    private static ProposalRequest asRequest(Proposal proposal) {
        return new ProposalRequest(proposal.title, proposal.abstractText, proposal.description, proposal.format,
                proposal.track, proposal.language, proposal.tags, proposal.speakers, proposal.notes, false);
    }

    private static void copy(ProposalRequest request, Proposal proposal, Instant now) {
        proposal.title = request.title();
        proposal.abstractText = request.abstractText();
        proposal.description = request.description();
        proposal.format = request.format();
        proposal.track = request.track();
        proposal.language = request.language();
        proposal.tags = List.copyOf(request.tagsOrEmpty());
        proposal.speakers = List.copyOf(request.speakers());
        proposal.notes = request.notes();
        proposal.updatedAt = now;
    }

    /** Whether an If-Match header names {@code version} (or is {@code *}); events use it too. */
    public static boolean matches(String ifMatch, long version) {
        for (String tag : ifMatch.split(",")) {
            String value = tag.trim();
            if (value.equals("*")) {
                return true;
            }
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            if (value.equals("\"" + version + "\"") || value.equals(String.valueOf(version))) {
                return true;
            }
        }
        return false;
    }
}
