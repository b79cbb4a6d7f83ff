package dev.lectern.review.redaction;

import dev.lectern.platform.problem.ProblemException;
import dev.lectern.review.projection.ProposalContent;
import dev.lectern.review.projection.ProposalIdentity;
import dev.lectern.review.projection.ReviewEvent;
import dev.lectern.review.settings.ReviewSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class RedactionService {

    /** Statuses a reviewer can meet a proposal in; drafts and withdrawn ones are never shown. */
    static final Set<String> VISIBLE = dev.lectern.review.projection.ProposalStatus.names(dev.lectern.review.projection.ProposalStatus::submittedAndNotWithdrawn);

    @Inject
    EntityManager em;

    @Transactional
    public IdentityFlags flags(String event) {
        if (ReviewEvent.findById(event) == null) {
            throw ProblemException.notFound();
        }
        if (!ReviewSettings.isBlind(event)) {
            return new IdentityFlags(event, false, List.of());
        }
        List<ProposalContent> contents = ProposalContent.list("eventSlug = ?1 AND status IN ?2 ORDER BY id", event, VISIBLE);
        Map<UUID, ProposalIdentity> identities = new HashMap<>();
        em.createQuery("SELECT i FROM ProposalIdentity i WHERE i.proposalId IN "
                        + "(SELECT c.id FROM ProposalContent c WHERE c.eventSlug = ?1)", ProposalIdentity.class)
                .setParameter(1, event).getResultList().forEach(i -> identities.put(i.proposalId, i));
        Map<UUID, ProposalRedaction> redactions = new HashMap<>();
        em.createQuery("SELECT r FROM ProposalRedaction r WHERE r.proposalId IN "
                        + "(SELECT c.id FROM ProposalContent c WHERE c.eventSlug = ?1)", ProposalRedaction.class)
                .setParameter(1, event).getResultList().forEach(r -> redactions.put(r.proposalId, r));
        List<IdentityFlag> flags = new ArrayList<>();
        for (ProposalContent content : contents) {
            ProposalRedaction redaction = redactions.get(content.id);
            List<IdentityScanner.Match> matches = IdentityScanner.scan(redaction == null
                            ? IdentityScanner.fields(content.title, content.abstractText, content.description, content.tags)
                            : IdentityScanner.fields(redaction.title, redaction.abstractText, redaction.description, redaction.tags),
                    ReviewerText.speakers(identities.get(content.id)));
            boolean stale = redaction != null && redaction.basedOnVersion < content.version;
            if (!matches.isEmpty() || stale) {
                flags.add(new IdentityFlag(content.id.toString(), content.version, content.track, redaction != null,
                        stale, matches));
            }
        }
        return new IdentityFlags(event, true, flags);
    }

    @Transactional
    public RedactionView put(String event, UUID proposalId, RedactionRequest request, String organizer) {
        ProposalContent content = find(event, proposalId);
        ProposalRedaction redaction = ProposalRedaction.findById(proposalId);
        boolean created = redaction == null;
        if (created) {
            redaction = new ProposalRedaction();
            redaction.proposalId = proposalId;
        }
        redaction.title = request.title();
        redaction.abstractText = request.abstractText();
        redaction.description = request.description();
        redaction.tags = request.tags() == null ? content.tags : List.copyOf(request.tags());
        redaction.basedOnVersion = content.version;
        redaction.redactedBy = organizer;
        redaction.updatedAt = Instant.now();
        if (created) {
            em.persist(redaction);
        }
        return view(content, redaction);
    }

    @Transactional
    public RedactionView get(String event, UUID proposalId) {
        ProposalContent content = find(event, proposalId);
        ProposalRedaction redaction = ProposalRedaction.findById(proposalId);
        if (redaction == null) {
            throw ProblemException.notFound();
        }
        return view(content, redaction);
    }

    /** Reviewers see the speaker's text again (still masked while blind). */
    @Transactional
    public void delete(String event, UUID proposalId) {
        find(event, proposalId);
        ProposalRedaction.deleteById(proposalId);
    }

    private static ProposalContent find(String event, UUID proposalId) {
        ProposalContent content = ProposalContent.findById(proposalId);
        if (content == null || !content.eventSlug.equals(event)) {
            throw ProblemException.notFound();
        }
        return content;
    }

    private static RedactionView view(ProposalContent content, ProposalRedaction redaction) {
        List<IdentityScanner.Match> remaining = IdentityScanner.scan(
                IdentityScanner.fields(redaction.title, redaction.abstractText, redaction.description, redaction.tags),
                ReviewerText.speakers(ProposalIdentity.findById(content.id)));
        return new RedactionView(content.id.toString(), redaction.title, redaction.abstractText, redaction.description,
                redaction.tags, redaction.basedOnVersion, redaction.basedOnVersion < content.version,
                redaction.redactedBy, redaction.updatedAt.atOffset(ZoneOffset.UTC), remaining);
    }
}
