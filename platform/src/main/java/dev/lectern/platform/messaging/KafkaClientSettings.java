package dev.lectern.platform.messaging;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one set of Kafka client settings of a service: every {@code kafka.*} property (and {@code KAFKA_*}
 * environment variable), for the SmallRye consumers and their dead-letter producers, the outgoing channels and
 * the outbox relay alike. It replaces Quarkus' own {@code default-kafka-broker} map, which keeps a setting whose
 * value is empty as an empty string: the services declare every security setting from an environment variable
 * that is unset on a plaintext stack, and Kafka would take an empty {@code ssl.truststore.location} for a file
 * to open. Here a setting without a value is simply absent, so Kafka's own default applies.
 */
@ApplicationScoped
public class KafkaClientSettings {

    @Produces
    @ApplicationScoped
    @Identifier("default-kafka-broker")
    Map<String, Object> settings(Config config) {
        Map<String, Object> settings = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            String key = clientKey(name);
            if (key != null) {
                config.getOptionalValue(name, String.class).filter(value -> !value.isBlank())
                        .ifPresent(value -> settings.put(key, value));
            }
        }
        Optional<String> application = config.getOptionalValue("quarkus.application.name", String.class);
        if (!settings.containsKey("group.id") && application.isPresent()) {
            settings.put("group.id", application.get());
        }
        return settings;
    }

    /**
     * The Kafka setting a configuration property names: {@code kafka.ssl.truststore.location} and
     * {@code KAFKA_SSL_TRUSTSTORE_LOCATION} both name {@code ssl.truststore.location}; null for any other property.
     */
    static String clientKey(String property) {
        String lower = property.toLowerCase(Locale.ROOT);
        if (lower.length() <= 6 || !(lower.startsWith("kafka.") || lower.startsWith("kafka_"))) {
            return null;
        }
        return lower.substring(6).replace('_', '.');
    }
}
