package dev.lectern.submission.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Consumes {@code cfp.decisions}. The offset is committed only after the decision's transaction
 * committed; a decision that can never apply (malformed, unknown proposal, wrong event, impossible
 * transition) goes to {@code cfp.decisions.dlq} with the reason and the consumer goes on; a database
 * that is away is waited for.
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

    @Incoming("decisions")
    @Blocking(ordered = true)
    public void onDecision(ConsumerRecord<String, byte[]> record) {
        DecisionService.Decision decision = parse(record);
        long backoff = 200;
        while (true) {
            try {
                DecisionService.Result result = decisions.apply(decision);
                LOG.debugf("decision %s for %s: %s", decision.type(), decision.proposalId(), result.outcome());
                if (result.refusal() != null) {
                    throw new UnappliableDecisionException(result.refusal()); // announced; dead-lettered as well
                }
                return;
            } catch (UnappliableDecisionException e) {
                throw e;
            } catch (RuntimeException e) {
                if (!databaseUnavailable(e)) {
                    throw new UnappliableDecisionException("could not be applied: " + e.getMessage());
                }
                LOG.warnf("database unavailable while applying a decision; retrying in %d ms", backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }

    DecisionService.Decision parse(ConsumerRecord<String, byte[]> record) {
        String id = header(record, "ce_id");
        String type = header(record, "ce_type");
        if (id == null || type == null || !"1.0".equals(header(record, "ce_specversion"))) {
            throw new UnappliableDecisionException("not a CloudEvent in binary mode: ce_specversion 1.0, ce_id and ce_type are required");
        }
        String source = header(record, "ce_source");
        if (source == null || !allowedSources.contains(source)) {
            throw new UnappliableDecisionException("ce_source '" + source + "' is not an allowed producer of decisions "
                    + "(lectern.kafka.allowed-sources)");
        }
        if (record.value() == null) {
            throw new UnappliableDecisionException("message has no data");
        }
        JsonNode data;
        try {
            data = mapper.readTree(record.value());
        } catch (IOException e) {
            throw new UnappliableDecisionException("data is not JSON");
        }
        if (data == null || !data.hasNonNull("proposalId") || !data.hasNonNull("event")) {
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
        return new DecisionService.Decision(id, type, header(record, "ce_source"), proposalId, data.get("event").asText());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static boolean databaseUnavailable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("40001") || state.equals("40P01")
                        || state.equals("53300")) {
                    return true;
                }
            }
            // A commit the database could not finish (it went away mid-commit) is retried too: each
            // decision's message id applies once.
            if (cause instanceof org.hibernate.exception.JDBCConnectionException
                    || cause instanceof jakarta.transaction.RollbackException
                    || cause instanceof java.sql.SQLTransientException || cause instanceof java.net.ConnectException
                    || cause.getClass().getName().contains("AcquisitionTimeout")) {
                return true;
            }
        }
        return false;
    }
}
