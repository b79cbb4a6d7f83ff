package dev.lectern.platform.outbox;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relay's clients take the service's one set of Kafka settings, and its listening session has limits. */
class OutboxRelaySettingsTest {

    private static final Map<String, Object> SERVICE_KAFKA = Map.of(
            "bootstrap.servers", "kafka-0:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"a\" password=\"b\";",
            "ssl.truststore.location", "/etc/kafka/truststore.p12",
            "session.timeout.ms", "45000");

    @Test
    void theProducerAndTheReaderTakeTheSecuritySettingsTheyKnow() {
        Properties producer = OutboxRelay.clientSettings(SERVICE_KAFKA, ProducerConfig.configNames());
        assertEquals("SASL_SSL", producer.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", producer.get("sasl.mechanism"));
        assertEquals("/etc/kafka/truststore.p12", producer.get("ssl.truststore.location"));
        assertFalse(producer.containsKey("session.timeout.ms"), "a consumer setting is not handed to the producer");
        Properties reader = OutboxRelay.clientSettings(SERVICE_KAFKA, ConsumerConfig.configNames());
        assertEquals("kafka-0:9093", reader.get("bootstrap.servers"));
        assertEquals("45000", reader.get("session.timeout.ms"));
    }

    @Test
    void theListeningSessionHasKeepaliveAndTimeoutsOnBothSides() {
        Properties listener = OutboxRelay.listenerProperties("lectern", "secret", Duration.ofSeconds(9));
        assertEquals("true", listener.getProperty("tcpKeepAlive"));
        assertEquals("9", listener.getProperty("socketTimeout"));
        assertTrue(listener.getProperty("options").contains("tcp_user_timeout=9000"));
        assertTrue(listener.getProperty("options").contains("tcp_keepalives_idle=3"));
    }

    @Test
    void wrongCredentialsAreARefusalForGoodKafkaAwayIsNot() {
        assertNotNull(OutboxRelay.refusedForGood(new IllegalStateException(new SaslAuthenticationException("bad password"))));
        assertNull(OutboxRelay.refusedForGood(new IllegalStateException(new org.apache.kafka.common.errors.TimeoutException("away"))));
    }
}
