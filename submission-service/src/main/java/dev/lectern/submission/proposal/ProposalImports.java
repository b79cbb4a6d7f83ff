package dev.lectern.submission.proposal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.submission.Ids;
import dev.lectern.submission.event.Event;
import dev.lectern.platform.outbox.Outbox;
import dev.lectern.submission.proposal.ProposalLifecycle.Step;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Bulk import (issue 7): an organizer's migration, outside the CFP window and the speaker lifecycle. Records are
 * matched to proposals by external id; each created or changed proposal emits one event, as for any change.
 */
@ApplicationScoped
public class ProposalImports {

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper mapper;

    /** What an import did, or would do, to one record. */
    public enum ImportOutcome { CREATED, UPDATED, UNCHANGED }

    /** What importing a record did, and the proposal as it now is (the stored one when unchanged). */
    public record Imported(ImportOutcome outcome, Proposal proposal) {
    }

    /** One record of an import, validated by the caller: the proposal it names (locked) or null, and what to make of it. */
    public record ImportCommand(Proposal existing, String externalId, ProposalRequest request, ProposalStatus status) {
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
        return ProposalContent.sameAs(existing, request, status) ? ImportOutcome.UNCHANGED : ImportOutcome.UPDATED;
    }

    /** The event's proposals with these external ids (locked if {@code lock}), by external id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Proposal> byExternalIds(Event event, Collection<String> externalIds, boolean lock) {
        return ProposalRows.byExternalIds(em, mapper, event.id, externalIds, lock);
    }

    /**
     * Creates the event's proposals with these external ids, or brings the existing ones (locked by the
     * caller with {@link #byExternalIds}) in line with their records, in the caller's transaction. The
     * caller has validated each record with {@link ProposalRules#validate}; the CFP window does not apply. An
     * unchanged record writes nothing and emits nothing. The importing organizer is recorded as owner but gets no
     * speaker access: the speakers do ({@link SpeakerAccess}).
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
            ProposalContent.copy(command.request(), proposal, now);
            // review-service knows drafted/submitted/updated; the payload carries the imported status.
            String change = existing != null ? Step.EDIT.event() : ProposalEvents.created(proposal.status);
            events.add(ProposalEvents.of(proposal, event.slug, change));
            results.add(new Imported(outcome, proposal));
        }
        if (!created.isEmpty() || !updated.isEmpty()) {
            ProposalRows.write(em, mapper, created, updated);
            outbox.appendAll(events);
        }
        return results;
    }
}
