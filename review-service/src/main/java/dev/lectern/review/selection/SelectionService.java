package dev.lectern.review.selection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.review.decision.DecisionService;
import dev.lectern.platform.problem.FieldError;
import dev.lectern.platform.problem.ProblemException;
import dev.lectern.review.projection.ProposalContent;
import dev.lectern.review.projection.ProposalIdentity;
import dev.lectern.review.projection.ProposalStatus;
import dev.lectern.review.projection.ReviewEvent;
import dev.lectern.review.ranking.RankedProposal;
import dev.lectern.review.ranking.RankingOptions;
import dev.lectern.review.ranking.RankingResource;
import dev.lectern.review.ranking.RankingService;
import dev.lectern.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Runs selection on the event's current ranking and stores its decisions, with the capacities it used, in
 * one transaction.
 */
@ApplicationScoped
public class SelectionService {

    @Inject
    RankingService ranking;

    @Inject
    DecisionService decisions;

    @Inject
    EntityManager em;

    Clock clock = Clock.systemUTC();

    @Transactional
    public SelectionView select(String event, SelectionRequest request) {
        RankingOptions.Key key = RankingResource.key(request.key());
        ReviewEvent reviewEvent = em.find(ReviewEvent.class, event, LockModeType.PESSIMISTIC_WRITE);
        if (reviewEvent == null) {
            throw ProblemException.notFound();
        }
        RankingService.EventRanking ranked = ranking.rank(event, key);
        SelectionRules rules = rules(reviewEvent, request, ranked);
        Map<String, Standing> standing = standing(event, ranked.proposals());
        Selection selection = Selector.select(ranked.ranking(), speakerKeys(ranked.proposals().keySet()), rules, standing);
        DecisionService.Stored stored = decisions.store(event, selection);
        remember(event, rules, key, request.respondBy());
        List<String> warnings = new ArrayList<>(selection.warnings());
        long inFlight = decisions.inFlight(event);
        if (inFlight > 0) {
            warnings.add(inFlight + " published decision(s) not yet applied by submission-service: this run started "
                    + "from the statuses before them; run again once they are applied");
        }

        List<SelectionView.Line> lines = new ArrayList<>();
        for (ProposedDecision d : selection.decisions()) {
            lines.add(new SelectionView.Line(d.proposalId(), ranked.proposals().get(d.proposalId()).title, d.track(),
                    d.format(), d.outcome(), d.reason(), d.rank(), d.rankInTrack(), d.waitlistPosition(), d.pinned(),
                    d.reviewCount()));
        }
        return new SelectionView(event, key.name().toLowerCase(Locale.ROOT), lines, selection.waitlists(),
                selection.tracks(), selection.formats(), warnings, stored, decisions.changes(event));
    }

    /**
     * What is already true of each ranked proposal: the status submission-service applied, and for a waitlisted
     * one its place on the waitlist as review-service last published it.
     */
    private Map<String, Standing> standing(String event, Map<String, ProposalContent> proposals) {
        Map<UUID, Integer> positions = new HashMap<>();
        for (dev.lectern.review.decision.Decision d : decisions.list(event)) {
            if (d.decision == dev.lectern.review.decision.Decision.Kind.WAITLISTED && d.publishedAt != null) {
                positions.put(d.proposalId, d.waitlistPosition);
            }
        }
        Map<String, Standing> standing = new HashMap<>();
        proposals.forEach((id, content) -> {
            ProposalStatus status = ProposalStatus.of(content.status);
            standing.put(id, new Standing(status, status == ProposalStatus.WAITLISTED ? positions.get(content.id) : null));
        });
        return standing;
    }

    /**
     * Each proposal's speakers as normalised emails, for the per-speaker cap. They stay inside selection:
     * nothing that selection returns carries them.
     */
    public Map<String, Set<String>> speakerKeys(Collection<String> proposalIds) {
        if (proposalIds.isEmpty()) {
            return Map.of();
        }
        List<UUID> ids = proposalIds.stream().map(UUID::fromString).toList();
        Map<String, Set<String>> keys = new HashMap<>();
        for (ProposalIdentity identity : ProposalIdentity.<ProposalIdentity>list("proposalId IN ?1", ids)) {
            keys.put(identity.proposalId.toString(), identity.speakers.stream()
                    .map(s -> Caller.normaliseEmail(s.email())).filter(e -> e != null && !e.isEmpty())
                    .collect(Collectors.toSet()));
        }
        return keys;
    }

    private SelectionRules rules(ReviewEvent event, SelectionRequest request, RankingService.EventRanking ranked) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Integer> tracks = request.capacity().tracks() == null ? Map.of() : request.capacity().tracks();
        Map<String, Integer> formats = request.capacity().formats() == null ? Map.of() : request.capacity().formats();
        if (tracks.isEmpty() && formats.isEmpty()) {
            errors.add(new FieldError("capacity", "required", null));
        }
        Set<String> knownTracks = slugs(event.tracks);
        new TreeMap<>(tracks).keySet().stream().filter(t -> !knownTracks.contains(t))
                .forEach(t -> errors.add(new FieldError("capacity.tracks." + t, "unknown-track", null)));
        Set<String> knownFormats = slugs(event.formats);
        new TreeMap<>(formats).keySet().stream().filter(f -> !knownFormats.contains(f))
                .forEach(f -> errors.add(new FieldError("capacity.formats." + f, "unknown-format", null)));
        Map<String, Pin> pins = new HashMap<>();
        List<SelectionRequest.PinRequest> requested = request.pins() == null ? List.of() : request.pins();
        Set<String> rankedIds = new HashSet<>();
        for (RankedProposal p : ranked.ranking().proposals()) {
            rankedIds.add(p.proposalId());
        }
        for (int i = 0; i < requested.size(); i++) {
            String id = requested.get(i).proposalId().toString();
            if (!rankedIds.contains(id)) {
                errors.add(new FieldError("pins[" + i + "].proposalId", "unknown-proposal", null));
            } else if (pins.put(id, requested.get(i).decision()) != null) {
                errors.add(new FieldError("pins[" + i + "].proposalId", "duplicate", null));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation-failed", errors);
        }
        return new SelectionRules(tracks, formats, request.maxAcceptedPerSpeaker(), ranked.settings().reviewsPerProposal,
                request.waitlistLength(), pins);
    }

    private void remember(String event, SelectionRules rules, RankingOptions.Key key, java.time.OffsetDateTime respondBy) {
        SelectionRulesRecord record = em.find(SelectionRulesRecord.class, event);
        boolean created = record == null;
        if (created) {
            record = new SelectionRulesRecord();
            record.eventSlug = event;
        }
        record.trackCapacity = new TreeMap<>(rules.trackCapacity());
        record.formatCapacity = new TreeMap<>(rules.formatCapacity());
        record.maxAcceptedPerSpeaker = rules.maxAcceptedPerSpeaker();
        record.waitlistLength = rules.waitlistLength();
        record.requiredReviews = rules.requiredReviews();
        record.rankingKey = key.name();
        record.respondBy = respondBy == null ? null : respondBy.toInstant();
        record.updatedAt = clock.instant();
        if (created) {
            em.persist(record);
        }
    }

    private static Set<String> slugs(JsonNode items) {
        Set<String> slugs = new HashSet<>();
        if (items != null) {
            for (JsonNode item : items) {
                if (item.hasNonNull("slug")) {
                    slugs.add(item.get("slug").asText());
                }
            }
        }
        return slugs;
    }
}
