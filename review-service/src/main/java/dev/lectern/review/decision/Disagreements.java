package dev.lectern.review.decision;

import dev.lectern.review.projection.ProposalContent;
import dev.lectern.review.projection.ProposalStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The proposals whose last published decision and current status disagree, and why. The last published
 * decision is, per proposal, the last one submission-service applied or refused (whoever published it: review-
 * service or organizer tooling, in their order on {@code cfp.decisions}), or review-service's own if it is still
 * on its way. A status agrees with a decision it carries or that its speaker answered since. Gauge
 * {@value #GAUGE}: how many, across events; it reads zero whenever the services are quiet and nothing was refused.
 */
@ApplicationScoped
public class Disagreements {

    public static final String GAUGE = "lectern.decisions.disagreeing";

    /** Why a proposal's status is not its last published decision. */
    public enum Why {
        /** submission-service refused the decision (the lifecycle does not allow it); {@code reason} says why. */
        REFUSED,
        /** Published by review-service and not yet applied nor refused by submission-service. */
        NOT_YET_APPLIED,
        /** The status changed since the decision was applied, and not by a decision or a speaker's answer. */
        CHANGED_OTHERWISE
    }

    /** One proposal that disagrees: its status, the decision it should carry, who published it, and why not. */
    public record Disagreement(String proposalId, String title, String track, String status, String decision,
                               String decisionSource, Why why, String reason, OffsetDateTime since) {
    }

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry registry;

    void register(@Observes StartupEvent start) {
        Gauge.builder(GAUGE, this, d -> d.countAll())
                .description("proposals whose last published decision and current status disagree")
                .register(registry);
    }

    double countAll() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<String> events = em.createNativeQuery("""
                    SELECT DISTINCT c.event_slug FROM proposal_content c
                     WHERE c.id IN (SELECT proposal_id FROM decision UNION SELECT proposal_id FROM decision_outcome)""")
                    .getResultList();
            return (double) events.stream().mapToInt(e -> list(e).size()).sum();
        });
    }

    private record Outcome(String messageId, String outcome, String decision, long version, String reason,
                           String source, Instant at) {
    }

    /** The event's proposals that disagree, in id order. */
    public List<Disagreement> list(String event) {
        List<ProposalContent> contents = ProposalContent.<ProposalContent>list("eventSlug = ?1 ORDER BY id", event);
        if (contents.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = contents.stream().map(c -> c.id).toList();
        Map<UUID, Decision> decisions = new HashMap<>();
        for (Decision d : em.createQuery("from Decision d where d.proposalId in :ids", Decision.class)
                .setParameter("ids", ids).getResultList()) {
            decisions.put(d.proposalId, d);
        }
        Map<UUID, List<Outcome>> outcomes = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT proposal_id, message_id, outcome, decision, proposal_version, reason, source, recorded_at
                          FROM decision_outcome WHERE proposal_id = ANY(CAST(?1 AS uuid[])) ORDER BY seq""")
                .setParameter(1, ids.stream().map(UUID::toString).toArray(String[]::new)).getResultList();
        for (Object[] r : rows) {
            outcomes.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add(new Outcome((String) r[1], (String) r[2],
                    (String) r[3], ((Number) r[4]).longValue(), (String) r[5], (String) r[6], instant(r[7])));
        }
        List<Disagreement> found = new ArrayList<>();
        for (ProposalContent content : contents) {
            Disagreement d = check(content, decisions.get(content.id), outcomes.getOrDefault(content.id, List.of()));
            if (d != null) {
                found.add(d);
            }
        }
        return found;
    }

    private static Disagreement check(ProposalContent content, Decision own, List<Outcome> outcomes) {
        ProposalStatus status = ProposalStatus.of(content.status);
        boolean ownPublished = own != null && own.publishedAt != null;
        if (ownPublished && own.publishedMessageId != null
                && outcomes.stream().noneMatch(o -> o.messageId().equals(own.publishedMessageId.toString()))) {
            return disagreeing(content, status, own.decision.name(), "/lectern/review-service", Why.NOT_YET_APPLIED,
                    null, own.publishedAt);
        }
        Outcome last = outcomes.isEmpty() ? null : outcomes.get(outcomes.size() - 1);
        if (last != null && last.outcome().equals("REFUSED")) {
            if (last.version() == content.version) {
                return disagreeing(content, status, last.decision(), last.source(), Why.REFUSED, last.reason(), last.at());
            }
            // The proposal moved on since the refusal: the decision before it is the one to agree with.
            last = outcomes.stream().filter(o -> o.outcome().equals("APPLIED")).reduce((a, b) -> b).orElse(null);
        }
        if (last != null) {
            return disagreeing(content, status, last.decision(), last.source(), Why.CHANGED_OTHERWISE, null, last.at());
        }
        if (ownPublished) {
            return disagreeing(content, status, own.decision.name(), "/lectern/review-service", Why.CHANGED_OTHERWISE,
                    null, own.publishedAt);
        }
        return null;
    }

    /** The disagreement, or null if the status agrees with the decision after all. */
    private static Disagreement disagreeing(ProposalContent content, ProposalStatus status, String decision,
                                            String source, Why why, String reason, Instant since) {
        // A refusal always disagrees: the proposal did not take the decision, even if its status would carry it.
        if (why != Why.REFUSED && status.agreesWith(ProposalStatus.of(decision))) {
            return null;
        }
        return new Disagreement(content.id.toString(), content.title, content.track, content.status, decision, source,
                why, reason, since == null ? null : since.atOffset(ZoneOffset.UTC));
    }

    /** The reason submission-service refused each proposal's current decision, if it did, by proposal. */
    public Map<UUID, String> refusals(String event) {
        Map<UUID, String> refusals = new HashMap<>();
        for (Disagreement d : list(event)) {
            if (d.why() == Why.REFUSED) {
                refusals.put(UUID.fromString(d.proposalId()), d.reason());
            }
        }
        return refusals;
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return null;
    }
}
