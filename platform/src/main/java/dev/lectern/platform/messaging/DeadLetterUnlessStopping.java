package dev.lectern.platform.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.util.function.BiConsumer;

/**
 * The consumers' failure strategy ({@value #NAME}): a message that cannot be applied goes to its dead-letter
 * topic, as with the connector's own {@code dead-letter-queue} strategy, except once the service is
 * stopping. Then a failure is most likely the shutdown itself (the persistence unit already closed, the
 * worker interrupted), not the message: it is left unacknowledged, its offset is not committed, and it is
 * delivered again after the restart. Without this a graceful stop with a backlog dead-lettered every
 * message still buffered.
 */
@ApplicationScoped
@Identifier(DeadLetterUnlessStopping.NAME)
public class DeadLetterUnlessStopping implements KafkaFailureHandler.Factory {

    public static final String NAME = "dead-letter-unless-stopping";
    private static final Logger LOG = Logger.getLogger(DeadLetterUnlessStopping.class);

    @Inject
    @Identifier(KafkaFailureHandler.Strategy.DEAD_LETTER_QUEUE)
    KafkaFailureHandler.Factory deadLetters;

    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Whether the service is stopping. */
    public boolean stopping() {
        return stopping;
    }

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
                                      KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
        KafkaFailureHandler delegate = deadLetters.create(config, vertx, consumer, reportFailure);
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                if (stopping) {
                    LOG.infof("stopping: %s-%d@%d is left for redelivery after the restart (%s)",
                            record.getTopic(), record.getPartition(), record.getOffset(), reason.getMessage());
                    return Uni.createFrom().nothing();
                }
                return delegate.handle(record, reason, metadata);
            }

            @Override
            public void terminate() {
                delegate.terminate();
            }
        };
    }
}
