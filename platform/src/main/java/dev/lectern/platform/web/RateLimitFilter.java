package dev.lectern.platform.web;

import dev.lectern.platform.problem.Messages;
import dev.lectern.platform.problem.ProblemMappers;
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
import java.util.regex.Pattern;

/**
 * Answers 429 with {@code Retry-After} to a client that calls too fast. A request without a valid token is
 * counted against its remote address, whether it sent no token or one that does not verify, so junk tokens
 * buy no way around the limit. A signed-in caller is limited per subject on the one route a service names
 * ({@code lectern.rate-limit.submissions.route}, e.g. submitting a proposal). The remote address honours
 * {@code X-Forwarded-For} only when {@code quarkus.http.proxy.proxy-address-forwarding} is on with trusted
 * proxies configured, so the header cannot be spoofed to escape the limit.
 */
@ApplicationScoped
public class RateLimitFilter {

    private static final Uni<Response> CONTINUE = Uni.createFrom().nullItem();

    @ConfigProperty(name = "lectern.rate-limit.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    CurrentIdentityAssociation identities;

    private final RateLimiter perSubject;
    private final RateLimiter anonymous;
    private final String limitedMethod;
    private final Pattern limitedPath;

    @Inject
    public RateLimitFilter(
            @ConfigProperty(name = "lectern.rate-limit.submissions.burst", defaultValue = "30") int subjectBurst,
            @ConfigProperty(name = "lectern.rate-limit.submissions.per-second", defaultValue = "5") double subjectRate,
            @ConfigProperty(name = "lectern.rate-limit.submissions.route") Optional<String> limitedRoute,
            @ConfigProperty(name = "lectern.rate-limit.anonymous.burst", defaultValue = "200") int anonymousBurst,
            @ConfigProperty(name = "lectern.rate-limit.anonymous.per-second", defaultValue = "50") double anonymousRate) {
        this.perSubject = new RateLimiter(subjectBurst, subjectRate);
        this.anonymous = new RateLimiter(anonymousBurst, anonymousRate);
        String[] route = limitedRoute.map(String::trim).orElse("").split("\\s+", 2);
        this.limitedMethod = route.length == 2 ? route[0] : null;
        this.limitedPath = route.length == 2 ? Pattern.compile(route[1]) : null;
    }

    /** Before any filter that may answer 401 itself (review-service's sign-in check), or failures would go uncounted. */
    @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.AUTHENTICATION)
    public Uni<Response> limit(ContainerRequestContext request, HttpServerRequest http) {
        if (!enabled) {
            return CONTINUE;
        }
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/q/")) {
            return CONTINUE;
        }
        if (request.getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
            return refusal(request, path, anonymous.acquire(address(http), System.nanoTime()));
        }
        boolean limitedRoute = limitedPath != null && limitedMethod.equals(request.getMethod())
                && limitedPath.matcher(path).matches();
        // Authentication is lazy (problem+json 401s): ask for the verified identity here. A token that does not
        // verify counts against the address, as no token does; the resource then answers 401.
        return identities.getDeferredIdentity()
                .onItemOrFailure().transform((identity, failure) ->
                        identity != null && !identity.isAnonymous() ? identity.getPrincipal().getName() : null)
                .onItem().transformToUni(subject -> {
                    if (subject == null) {
                        return refusal(request, path, anonymous.acquire(address(http), System.nanoTime()));
                    }
                    return limitedRoute ? refusal(request, path, perSubject.acquire("sub:" + subject, System.nanoTime())) : CONTINUE;
                });
    }

    private static Uni<Response> refusal(ContainerRequestContext request, String path, Optional<Duration> wait) {
        return Uni.createFrom().item(wait.map(duration -> {
            long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
            var locale = Messages.pick(request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
            return Response.fromResponse(ProblemMappers.tooManyRequests(locale, path))
                    .header("Retry-After", seconds).build();
        }).orElse(null));
    }

    private static String address(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : "ip:" + http.remoteAddress().hostAddress();
    }

    @Scheduled(every = "5m")
    void evictIdle() {
        long now = System.nanoTime();
        perSubject.evictIdle(now, Duration.ofMinutes(10));
        anonymous.evictIdle(now, Duration.ofMinutes(10));
    }
}
