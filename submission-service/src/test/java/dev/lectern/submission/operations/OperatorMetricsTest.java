package dev.lectern.submission.operations;

import dev.lectern.infra.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The series docs/operations.md tells operators to alert on are at /q/metrics, and the dead-letter count counts. */
@QuarkusTest
@Tag("slow") // about 20 s: left out of the fast lane (./mvnw test -Pfast), run by the full verify
class OperatorMetricsTest {

    private static final Pattern DEAD_LETTERED =
            Pattern.compile("(?m)^lectern_consumer_dead_lettered_total\\{[^}]*topic=\"cfp\\.decisions\"[^}]*} (\\S+)(?: #.*)?$");

    @Test
    void outboxBacklogLeadershipConsumerLagAndDeadLettersAreExported() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String metrics = metrics();
            for (String series : new String[] {"lectern_outbox_pending", "lectern_outbox_oldest_age_seconds",
                    "lectern_outbox_relay_leader", "lectern_consumer_dead_lettered_total"}) {
                assertTrue(metrics.contains("\n" + series), series + " missing from /q/metrics");
            }
            // The decision consumer's lag, per partition of its topic, from the Kafka client metrics.
            assertTrue(Pattern.compile("(?m)^kafka_consumer_fetch_manager_records_lag\\{[^}]*topic=\"cfp\\.decisions\"")
                    .matcher(metrics).find(), "records-lag of cfp.decisions missing from /q/metrics");
        });

        double before = deadLettered(metrics());
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            // No CloudEvent headers: the consumer can never apply it and sends it to cfp.decisions.dlq.
            producer.send(new ProducerRecord<>("cfp.decisions", UUID.randomUUID().toString(), "{}"));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(before + 1, deadLettered(metrics())));
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double deadLettered(String metrics) {
        Matcher matcher = DEAD_LETTERED.matcher(metrics);
        assertTrue(matcher.find(), "no dead-letter count for cfp.decisions: " + metrics);
        return Double.parseDouble(matcher.group(1));
    }
}
