package dev.lectern.review.operations;

import dev.lectern.review.Stream;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
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
            Pattern.compile("(?m)^lectern_consumer_dead_lettered_total\\{[^}]*topic=\"cfp\\.events\"[^}]*} (\\S+)(?: #.*)?$");

    @Test
    void outboxBacklogLeadershipConsumerLagAndDeadLettersAreExported() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String metrics = metrics();
            for (String series : new String[] {"lectern_outbox_pending", "lectern_outbox_oldest_age_seconds",
                    "lectern_outbox_relay_leader", "lectern_consumer_dead_lettered_total"}) {
                assertTrue(metrics.contains("\n" + series), series + " missing from /q/metrics");
            }
            for (String topic : new String[] {"cfp\\.events", "cfp\\.proposals"}) {
                assertTrue(Pattern.compile("(?m)^kafka_consumer_fetch_manager_records_lag\\{[^}]*topic=\"" + topic + "\"")
                        .matcher(metrics).find(), "records-lag of " + topic + " missing from /q/metrics");
            }
        });

        double before = deadLettered(metrics());
        // Not JSON: the projection can never apply it and sends it to cfp.events.dlq.
        Stream.send("cfp.events", "metrics-test", "dev.lectern.event.created.v1", "{not json");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(before + 1, deadLettered(metrics())));
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double deadLettered(String metrics) {
        Matcher matcher = DEAD_LETTERED.matcher(metrics);
        assertTrue(matcher.find(), "no dead-letter count for cfp.events: " + metrics);
        return Double.parseDouble(matcher.group(1));
    }
}
