package dev.lectern.e2e;

import dev.lectern.infra.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two submission-service instances; the relaying one loses its listening session (PostgreSQL terminates the
 * backend holding the advisory lock, as a failover or an operator would). Relaying resumes within
 * {@link #TAKEOVER} while proposals keep coming in, and none is published twice.
 */
@Tag("slow")
class RelayTakeoverIT {

    /** The bound docs/operations.md states: a poll interval to notice, a second to reconnect, margin for a busy machine. */
    static final Duration TAKEOVER = Duration.ofSeconds(10);

    static Stack stack;
    static ServiceProcess first;
    static ServiceProcess second;

    @BeforeAll
    static void start() {
        stack = Stack.get();
        first = stack.submission().start();
        second = stack.submission().start();
    }

    @AfterAll
    static void stop() {
        for (ServiceProcess instance : new ServiceProcess[] {first, second}) {
            if (instance != null) {
                instance.stop();
            }
        }
    }

    @Test
    void anotherSessionTakesTheRelayOverWhenTheLeadersBackendIsTerminated() throws Exception {
        String organizer = stack.bearer("organizer@lectern.test", "organizer");
        String slug = Api.createEvent(first.baseUrl(), organizer);
        List<String> ids = new CopyOnWriteArrayList<>();
        AtomicBoolean submitting = new AtomicBoolean(true);
        Thread load = new Thread(() -> {
            for (int i = 0; submitting.get(); i++) {
                String email = "speaker" + i + "-" + slug + "@speakers.test";
                ServiceProcess to = i % 2 == 0 ? first : second;
                ids.add(Api.submit(to.baseUrl(), stack.bearer(email, "speaker"), slug,
                                Api.talk("接管 #" + i, email, "ospo-experience"), null)
                        .then().statusCode(201).extract().path("id"));
            }
        }, "takeover-load");
        load.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> ids.size() >= 10 && relayBackend() != null);
            int leader = relayBackend();
            String relaying = relaying();
            try (Connection db = stack.database("submission"); Statement statement = db.createStatement()) {
                statement.execute("SELECT pg_terminate_backend(" + leader + ")");
            }
            Instant cut = Instant.now();
            await().atMost(TAKEOVER).pollInterval(Duration.ofMillis(100)).until(() -> {
                Integer now = relayBackend();
                return now != null && now != leader;
            });
            Duration takeover = Duration.between(cut, Instant.now());
            int submittedAtTakeover = ids.size();
            // Proposals written after the cut leave too: the new relay publishes.
            await().atMost(Duration.ofSeconds(30)).until(() -> ids.size() >= submittedAtTakeover + 10);
            System.out.printf("relay takeover after a terminated backend: %d ms (was %s, now %s)%n",
                    takeover.toMillis(), relaying, relaying());
        } finally {
            submitting.set(false);
            load.join();
        }

        Set<String> keys = new HashSet<>(ids);
        List<ConsumerRecord<String, String>> records = Topics.read(stack.kafka.bootstrapServers(), "cfp.proposals", keys,
                read -> read.stream().map(ConsumerRecord::key).collect(Collectors.toSet()).containsAll(keys),
                Duration.ofSeconds(60));
        assertEquals(keys, records.stream().map(ConsumerRecord::key).collect(Collectors.toSet()), "every proposal published");
        List<String> eventIds = records.stream().map(r -> Topics.header(r, "ce_id")).toList();
        assertEquals(eventIds.size(), new HashSet<>(eventIds).size(), "an event published twice: " + eventIds);
    }

    /** The backend that holds the relay's advisory lock in submission-service's database, or null. */
    private static Integer relayBackend() throws SQLException {
        try (Connection db = stack.database("submission"); Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT a.pid FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid "
                     + "WHERE a.application_name = 'lectern-outbox-relay' AND a.datname = 'lectern_submission' "
                     + "AND l.locktype = 'advisory' AND l.granted")) {
            List<Integer> holders = new ArrayList<>();
            while (rs.next()) {
                holders.add(rs.getInt(1));
            }
            assertTrue(holders.size() <= 1, "two relays: " + holders);
            return holders.isEmpty() ? null : holders.get(0);
        }
    }

    /** The name of the instance whose metrics say it relays, for the report. */
    private static String relaying() {
        for (ServiceProcess instance : List.of(first, second)) {
            String metrics = given().baseUri(instance.baseUrl()).get("/q/metrics").then().extract().asString();
            if (metrics.lines().anyMatch(line -> line.startsWith("lectern_outbox_relay_leader") && line.endsWith(" 1.0"))) {
                return instance.name();
            }
        }
        return "neither yet";
    }
}
