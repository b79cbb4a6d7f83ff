package dev.lectern.e2e.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.infra.ServiceProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client of one service with two instances behind it, as a frontend behind a load balancer would see it:
 * a connection error, a timeout or a 5xx is retried, with the same request (and so the same
 * {@code Idempotency-Key} or {@code If-Match}), on the other instance, until a deadline.
 */
final class Client {

    static final ObjectMapper JSON = new ObjectMapper();

    /** What the service finally answered; {@code attempts > 1} means an earlier attempt may have taken effect. */
    record Reply(int status, String etag, JsonNode body, int attempts) {
        boolean ok() {
            return status / 100 == 2;
        }

        String text(String field) {
            JsonNode node = body == null ? null : body.get(field);
            return node == null || node.isNull() ? null : node.asText();
        }

        long version() {
            return body.get("version").asLong();
        }
    }

    /** Counts across all clients, for the report. */
    static final AtomicLong RETRIES = new AtomicLong();
    static final AtomicLong CONNECTION_ERRORS = new AtomicLong();
    static final AtomicLong SERVER_ERRORS = new AtomicLong();

    private final List<ServiceProcess> instances;
    private final HttpClient http;
    private final Duration deadline;
    private final AtomicInteger next = new AtomicInteger();

    Client(List<ServiceProcess> instances, Duration deadline) {
        this.instances = List.copyOf(instances);
        this.deadline = deadline;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    Reply get(String path, String token) {
        return call("GET", path, token, null, Map.of());
    }

    Reply post(String path, String token, Object body) {
        return call("POST", path, token, body, Map.of());
    }

    Reply put(String path, String token, Object body, Map<String, String> headers) {
        return call("PUT", path, token, body, headers);
    }

    Reply call(String method, String path, String token, Object body, Map<String, String> headers) {
        String json;
        try {
            json = body == null ? null : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        Instant giveUp = Instant.now().plus(deadline);
        long backoff = 50;
        int attempts = 0;
        Exception last = null;
        int start = Math.floorMod(next.getAndIncrement(), instances.size());
        while (Instant.now().isBefore(giveUp)) {
            ServiceProcess target = instances.get((start + attempts) % instances.size());
            attempts++;
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
                    .timeout(Duration.ofSeconds(15))
                    .header("Authorization", token)
                    .header("Accept", "application/json");
            headers.forEach(request::header);
            if (json != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 500 || response.statusCode() == 429) {
                    SERVER_ERRORS.incrementAndGet();
                    last = new IOException(method + " " + path + ": " + response.statusCode() + " " + response.body());
                } else {
                    JsonNode parsed = response.body().isBlank() ? null : JSON.readTree(response.body());
                    return new Reply(response.statusCode(), response.headers().firstValue("ETag").orElse(null), parsed,
                            attempts);
                }
            } catch (IOException e) {
                // refused, reset mid-request, timed out: the request may or may not have taken effect
                CONNECTION_ERRORS.incrementAndGet();
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            RETRIES.incrementAndGet();
            sleep(backoff);
            backoff = Math.min(backoff * 2, 1000);
        }
        throw new IllegalStateException(method + " " + path + " failed for " + deadline + " (" + attempts + " attempts)", last);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
