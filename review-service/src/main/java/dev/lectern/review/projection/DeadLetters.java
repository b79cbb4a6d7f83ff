package dev.lectern.review.projection;

import dev.lectern.platform.messaging.Backoff;
import dev.lectern.platform.messaging.DeadLetterUnlessStopping;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;

/**
 * Sends a {@code cfp.proposals} message that cannot be applied to {@code cfp.proposals.dlq}, as the connector's
 * dead-letter strategy does for a single message: the same key, value and headers, plus the reason and where it
 * came from. The proposals consumer takes whole batches, for which the connector's strategy would not say
 * which message was at fault. Waits for the broker's acknowledgement (retrying while Kafka is away), so a
 * batch's offsets are committed only after its refused messages are safe; while the service stops it refuses
 * instead, and the batch is delivered again after the restart. Like the connector's, it is at least once: a
 * batch cut short by a crash after its dead letters were sent sends them again, with the same partition and
 * offset headers to tell them apart.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    @Channel("proposals-dead-letters")
    MutinyEmitter<byte[]> emitter;

    @Inject
    @Identifier(DeadLetterUnlessStopping.NAME)
    DeadLetterUnlessStopping failureStrategy;

    @Inject
    ConsumerStats stats;

    /** Sends it, waits for the broker, and counts it dead-lettered. */
    public void send(ConsumerRecord<String, byte[]> record, MalformedEventException reason) {
        refuseWhileStopping(reason);
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        header(headers, KafkaDeadLetterQueue.DEAD_LETTER_EXCEPTION_CLASS_NAME, reason.getClass().getName());
        String why = reason.getMessage() == null ? "" : reason.getMessage();
        header(headers, KafkaDeadLetterQueue.DEAD_LETTER_REASON, why.length() > 1000 ? why.substring(0, 1000) + "…" : why);
        header(headers, KafkaDeadLetterQueue.DEAD_LETTER_TOPIC, record.topic());
        header(headers, KafkaDeadLetterQueue.DEAD_LETTER_PARTITION, Integer.toString(record.partition()));
        header(headers, KafkaDeadLetterQueue.DEAD_LETTER_OFFSET, Long.toString(record.offset()));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build();
        Backoff backoff = new Backoff();
        while (true) {
            try {
                emitter.sendMessageAndAwait(Message.of(record.value(), Metadata.of(metadata)));
                LOG.infof("dead-lettered %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason.getMessage());
                stats.deadLettered(record.topic());
                return;
            } catch (RuntimeException e) {
                refuseWhileStopping(e);
                if (!retriable(e)) {
                    // Kafka refuses it for good (too large, not authorised, the channel closed): the batch fails, its
                    // offsets stay uncommitted and the channel reports itself down, rather than retrying forever.
                    LOG.errorf(e, "could not dead-letter %s-%d@%d", record.topic(), record.partition(), record.offset());
                    throw e;
                }
                LOG.warnf("could not dead-letter %s-%d@%d (%s); retrying in %d ms",
                        record.topic(), record.partition(), record.offset(), e.getMessage(), backoff.millis());
                backoff.pause(e);
            }
        }
    }

    /** A failure that passes: Kafka away or busy (the client's own retriable errors and time-outs). */
    static boolean retriable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.apache.kafka.common.errors.RetriableException
                    || cause instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * While the service stops, a failure is most likely the shutdown itself: rethrown, so that the batch is
     * left unacknowledged and delivered again after the restart (see {@link DeadLetterUnlessStopping}).
     */
    public void refuseWhileStopping(RuntimeException failure) {
        if (failureStrategy.stopping()) {
            throw failure;
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
