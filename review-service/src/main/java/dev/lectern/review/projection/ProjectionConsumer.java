package dev.lectern.review.projection;

import dev.lectern.platform.messaging.CloudEvents;
import dev.lectern.platform.messaging.Failures;
import dev.lectern.platform.messaging.Retries;
import dev.lectern.platform.tracing.Tracing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Consumes {@code cfp.events} and {@code cfp.proposals}. A message returns (and its offset may be
 * committed) only after its change committed. A message that can never be applied throws
 * {@link MalformedEventException}, and the connector's dead-letter strategy sends it to
 * {@code <topic>.dlq} with the reason; the consumer goes on. A database that is away is waited for,
 * not dead-lettered: nothing accepted is lost.
 */
@ApplicationScoped
public class ProjectionConsumer {

    private static final Logger LOG = Logger.getLogger(ProjectionConsumer.class);

    @Inject
    ProjectionService projection;

    @Inject
    ObjectMapper mapper;

    @Inject
    ConsumerStats stats;

    @Inject
    DeadLetters deadLetters;

    @Inject
    Tracing tracing;

    /** The producers whose events count (ce_source); anyone else's are dead-lettered. */
    @ConfigProperty(name = "lectern.kafka.allowed-sources")
    List<String> allowedSources;

    @Incoming("events")
    @Blocking(ordered = true)
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        tracing.process(record.topic() + " process", tracing.traceparentOf(record), () -> {
            stats.counted(record.topic(), () -> {
                IncomingEvent incoming = parse(record);
                untilApplied(where(record), () -> projection.applyEvent(incoming, record.topic()), Failures::transientFailure);
            });
            return null;
        });
    }

    /**
     * A poll's worth of proposal events at a time: a message that can never be applied goes to the dead-letter
     * topic; the rest apply in one transaction. If that transaction fails for a reason other than the database
     * being away, they apply one by one, so that only the message at fault is dead-lettered. The batch's offsets
     * are committed only after all of it is applied or dead-lettered.
     */
    @Incoming("proposals")
    @Blocking(ordered = true)
    public void onProposals(ConsumerRecords<String, byte[]> records) {
        // One span for the batch, linked to each message's trace; a change that frees a place continues its own
        // message's trace in the promotion it causes (ProjectionService).
        tracing.processBatch("cfp.proposals process", records, () -> {
            applyAll(records);
            return null;
        });
    }

    private void applyAll(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> accepted = new ArrayList<>();
        List<ProposalChange> changes = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            MalformedEventException refused;
            try {
                IncomingEvent incoming = parse(record);
                if (ProposalChange.REFUSED.equals(incoming.type())) {
                    // A refused decision is recorded in its place in the stream: after the changes before it.
                    DecisionRefusal refusal = DecisionRefusal.of(incoming);
                    applyBatch(accepted, changes);
                    accepted = new ArrayList<>();
                    changes = new ArrayList<>();
                    untilApplied(where(record), () -> projection.applyRefusal(refusal, record.topic()),
                            Failures::transientFailure);
                    continue;
                }
                changes.add(ProposalChange.of(incoming, record.topic()));
                accepted.add(record);
                continue;
            } catch (MalformedEventException e) {
                refused = e;
            } catch (RuntimeException e) {
                // Reading a message touches nothing but the message: whatever fails here is the message's fault.
                refused = new MalformedEventException("could not be read: " + Failures.describe(e));
            }
            deadLetters.send(record, refused);
        }
        applyBatch(accepted, changes);
    }

    private void applyBatch(List<ConsumerRecord<String, byte[]>> accepted, List<ProposalChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        String topic = accepted.get(0).topic();
        try {
            untilApplied(changes.size() + " proposal events from " + where(accepted.get(0)), () -> {
                projection.applyProposals(changes, topic);
                return null;
            }, Failures::databaseAway);
            stats.applied(topic, changes.size());
            return;
        } catch (MalformedEventException e) {
            deadLetters.refuseWhileStopping(e);
            LOG.infof("a batch of %d proposal events could not be applied together (%s); applying them one by one",
                    changes.size(), e.getMessage());
        }
        for (int i = 0; i < changes.size(); i++) {
            ConsumerRecord<String, byte[]> record = accepted.get(i);
            ProposalChange change = changes.get(i);
            try {
                untilApplied(where(record), () -> projection.applyProposal(change, topic), Failures::transientFailure);
                stats.applied(topic, 1);
            } catch (MalformedEventException e) {
                deadLetters.send(record, e);
            }
        }
    }

    /** Applies, waiting and retrying while {@code retry} says the failure will pass; any other failure refuses it. */
    private void untilApplied(String what, Supplier<?> apply, Predicate<Throwable> retry) {
        Object outcome = Retries.untilApplied(what, apply, retry, MalformedEventException.class, MalformedEventException::new);
        LOG.debugf("%s: %s", what, outcome);
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    IncomingEvent parse(ConsumerRecord<String, byte[]> record) {
        CloudEvents.Incoming event;
        try {
            event = CloudEvents.read(record, allowedSources, mapper);
        } catch (CloudEvents.Refused e) {
            throw new MalformedEventException(e.getMessage());
        }
        if (record.key() == null) {
            throw new MalformedEventException("message has no key");
        }
        return new IncomingEvent(event.id(), event.type(), event.subject(), record.key(), event.data(),
                tracing.traceparentOf(record));
    }
}
