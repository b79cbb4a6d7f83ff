package dev.lectern.submission.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import dev.lectern.platform.messaging.CloudEvents;
import dev.lectern.platform.messaging.Failures;
import dev.lectern.platform.messaging.Retries;
import dev.lectern.platform.tracing.Tracing;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Consumes {@code cfp.decisions}. The offset is committed only after the decision's transaction
 * committed; a decision that can never apply (malformed, unknown proposal, wrong event, impossible
 * transition) goes to {@code cfp.decisions.dlq} with the reason and the consumer goes on; a database
 * that is away is waited for. Dead letters are counted in {@code lectern.consumer.dead_lettered} (tag
 * {@code topic}), the metric review-service's consumers count theirs in.
 */
@ApplicationScoped
public class DecisionConsumer {

    private static final Logger LOG = Logger.getLogger(DecisionConsumer.class);

    @Inject
    DecisionService decisions;

    @Inject
    ObjectMapper mapper;

    /** The producers whose decisions count (ce_source); anyone else's are dead-lettered. */
    @ConfigProperty(name = "lectern.kafka.allowed-sources")
    List<String> allowedSources;
    @Inject
    MeterRegistry registry;

    @Inject
    Tracing tracing;

    private Counter deadLettered;

    /** Registers the count at start, so that an alert on it has a series (at 0) before the first dead letter. */
    void registerMetrics(@Observes StartupEvent ignored) {
        deadLettered = registry.counter("lectern.consumer.dead_lettered", "topic", "cfp.decisions");
    }

    @Incoming("decisions")
    @Blocking(ordered = true)
    public void onDecision(ConsumerRecord<String, byte[]> record) {
        try {
            // In the decision's trace: the decision-applied (or -refused) event it causes carries it on.
            tracing.process("cfp.decisions process", tracing.traceparentOf(record), () -> {
                apply(record);
                return null;
            });
        } catch (UnappliableDecisionException e) {
            // The failure strategy sends it to cfp.decisions.dlq.
            deadLettered.increment();
            throw e;
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        DecisionService.Decision decision = parse(record);
        DecisionService.Result result = Retries.untilApplied("a decision", () -> decisions.apply(decision),
                Failures::transientFailure, UnappliableDecisionException.class, UnappliableDecisionException::new);
        LOG.debugf("decision %s for %s: %s", decision.type(), decision.proposalId(), result.outcome());
        if (result.refusal() != null) {
            throw new UnappliableDecisionException(result.refusal()); // announced; dead-lettered as well
        }
    }

    DecisionService.Decision parse(ConsumerRecord<String, byte[]> record) {
        CloudEvents.Incoming event;
        try {
            event = CloudEvents.read(record, allowedSources, mapper);
        } catch (CloudEvents.Refused e) {
            throw new UnappliableDecisionException(e.getMessage());
        }
        String id = event.id();
        String type = event.type();
        JsonNode data = event.data();
        if (!data.hasNonNull("proposalId") || !data.hasNonNull("event")) {
            throw new UnappliableDecisionException("data needs proposalId and event");
        }
        UUID proposalId;
        try {
            proposalId = UUID.fromString(data.get("proposalId").asText());
        } catch (IllegalArgumentException e) {
            throw new UnappliableDecisionException("proposalId is not a UUID");
        }
        if (record.key() == null || !record.key().equals(proposalId.toString())) {
            throw new UnappliableDecisionException("key must be the proposal id " + proposalId);
        }
        String decides = DecisionService.TYPES.containsKey(type) ? DecisionService.DECIDES.get(DecisionService.TYPES.get(type)) : null;
        if (decides != null && data.hasNonNull("decision") && !decides.equals(data.get("decision").asText())) {
            throw new UnappliableDecisionException("the decision contradicts itself: ce_type " + type + " decides "
                    + decides + ", its data says " + data.get("decision").asText());
        }
        Instant respondBy = null;
        if (data.hasNonNull("respondBy")) {
            try {
                respondBy = OffsetDateTime.parse(data.get("respondBy").asText()).toInstant();
            } catch (DateTimeParseException e) {
                throw new UnappliableDecisionException("respondBy is not a date-time with an offset (RFC 3339)");
            }
        }
        return new DecisionService.Decision(id, type, CloudEvents.header(record, "ce_source"), proposalId,
                data.get("event").asText(), respondBy);
    }
}
