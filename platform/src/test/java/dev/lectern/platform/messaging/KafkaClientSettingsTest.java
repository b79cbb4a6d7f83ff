package dev.lectern.platform.messaging;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class KafkaClientSettingsTest {

    private static Map<String, Object> settings(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return new KafkaClientSettings().settings(config);
    }

    @Test
    void aSecuritySettingLeftEmptyIsAbsentSoAPlaintextStackStartsWithKafkasDefaults() {
        Map<String, Object> settings = settings(Map.of(
                "kafka.bootstrap.servers", "localhost:9092",
                "kafka.security.protocol", "${SECURITY_PROTOCOL_UNSET:PLAINTEXT}",
                "kafka.ssl.truststore.location", "${TRUSTSTORE_UNSET:}",
                "kafka.sasl.jaas.config", ""));
        assertEquals("localhost:9092", settings.get("bootstrap.servers"));
        assertEquals("PLAINTEXT", settings.get("security.protocol"));
        assertFalse(settings.containsKey("ssl.truststore.location"), settings.toString());
        assertFalse(settings.containsKey("sasl.jaas.config"), settings.toString());
    }

    @Test
    void environmentVariablesNameClientSettingsAsQuarkusDoes() {
        Map<String, Object> settings = settings(Map.of(
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "quarkus.application.name", "review-service",
                "kafkaesque.setting", "not a client setting"));
        assertEquals("SCRAM-SHA-512", settings.get("sasl.mechanism"));
        assertEquals("review-service", settings.get("group.id"), "the group defaults to the application, as in Quarkus");
        assertEquals(2, settings.size(), settings.toString());
        assertNull(KafkaClientSettings.clientKey("kafka"));
    }
}
