package dev.lectern.submission.web;

import dev.lectern.submission.problem.Messages;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.time.Duration;
import java.util.Optional;

/**
 * Answers 429 with {@code Retry-After} to a client that submits proposals, or calls without signing in,
 * faster than allowed. A client is the token's subject for submissions and the remote address
 * otherwise; the remote address honours {@code X-Forwarded-For} only when
 * {@code quarkus.http.proxy.proxy-address-forwarding} is on with trusted proxies configured, so the
 * header cannot be spoofed to escape the limit.
 */
@ApplicationScoped
public class RateLimitFilter {

    @ConfigProperty(name = "lectern.rate-limit.enabled", defaultValue = "true")
    boolean enabled;

    private static final Uni<Response> CONTINUE = Uni.createFrom().nullItem();

    @Inject
    CurrentIdentityAssociation identities;

    private final RateLimiter submissions;
    private final RateLimiter anonymous;

    @Inject
    public RateLimitFilter(
            @ConfigProperty(name = "lectern.rate-limit.submissions.burst", defaultValue = "30") int submissionBurst,
            @ConfigProperty(name = "lectern.rate-limit.submissions.per-second", defaultValue = "5") double submissionRate,
            @ConfigProperty(name = "lectern.rate-limit.anonymous.burst", defaultValue = "200") int anonymousBurst,
            @ConfigProperty(name = "lectern.rate-limit.anonymous.per-second", defaultValue = "50") double anonymousRate) {
        this.submissions = new RateLimiter(submissionBurst, submissionRate);
        this.anonymous = new RateLimiter(anonymousBurst, anonymousRate);
    }

    @ServerRequestFilter
    public Uni<Response> limit(ContainerRequestContext request, HttpServerRequest http) {
        if (!enabled) {
            return CONTINUE;
        }
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/q/")) {
            return CONTINUE;
        }
        boolean signedIn = request.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        if (!signedIn) {
            return refusal(request, path, anonymous.acquire(address(http), System.nanoTime()));
        }
        if (!"POST".equals(request.getMethod()) || !path.matches("/api/events/[^/]+/proposals/?")) {
            return CONTINUE;
        }
        // Authentication is lazy (problem+json 401s): ask for the verified identity, so each subject has its
        // own budget. A token that does not verify is counted against the address; the resource answers 401.
        return identities.getDeferredIdentity()
                .onItemOrFailure().transform((identity, failure) ->
                        identity != null && !identity.isAnonymous() ? "sub:" + identity.getPrincipal().getName() : address(http))
                .onItem().transformToUni(client -> refusal(request, path, submissions.acquire(client, System.nanoTime())));
    }

    private static Uni<Response> refusal(ContainerRequestContext request, String path, Optional<Duration> wait) {
        return Uni.createFrom().item(wait.map(duration -> {
            long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
            var locale = Messages.pick(request.getAcceptableLanguages());
            return Response.fromResponse(dev.lectern.submission.problem.ProblemMappers.tooManyRequests(locale, path))
                    .header("Retry-After", seconds).build();
        }).orElse(null));
    }

    private static String address(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : "ip:" + http.remoteAddress().hostAddress();
    }

    @Scheduled(every = "5m")
    void evictIdle() {
        long now = System.nanoTime();
        submissions.evictIdle(now, Duration.ofMinutes(10));
        anonymous.evictIdle(now, Duration.ofMinutes(10));
    }
}
