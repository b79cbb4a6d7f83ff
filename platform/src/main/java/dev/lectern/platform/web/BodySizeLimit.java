package dev.lectern.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.platform.problem.Messages;
import dev.lectern.platform.problem.Problem;
import dev.lectern.platform.problem.ProblemMappers;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Refuses a body larger than {@code lectern.http.max-body-size} with a 413 problem in the caller's language.
 * One route may take more ({@code lectern.http.large-body-route}, e.g. submission-service's bulk import, which
 * streams): it is held to {@code quarkus.http.limits.max-body-size} instead. Quarkus' own check answers before
 * any exception mapper runs, with an empty body; this one runs just ahead of it, on the declared Content-Length.
 * A chunked body without a length meets the small limit through the limit Quarkus hands its request reader
 * (set at order -2, so replaced here at -1), with Quarkus' bare 413.
 */
@ApplicationScoped
public class BodySizeLimit {

    /** The routing-context key Quarkus' body reader takes its limit from. */
    static final String QUARKUS_LIMIT_KEY = "io.quarkus.max-request-size";

    @ConfigProperty(name = "lectern.http.max-body-size")
    MemorySize maxBodySize;

    @ConfigProperty(name = "lectern.http.large-body-route")
    Optional<String> largeBodyRoute;

    @Inject
    ObjectMapper mapper;

    private String largeMethod;
    private Pattern largePath;

    void install(@Observes Router router) {
        String[] route = largeBodyRoute.map(String::trim).orElse("").split("\\s+", 2);
        if (route.length == 2) {
            largeMethod = route[0];
            largePath = Pattern.compile(route[1]);
        }
        long limit = maxBodySize.asLongValue();
        router.route().order(-3).handler(context -> {
            if (declaredLength(context) > limit && !large(context)) {
                refuse(context);
            } else {
                context.next();
            }
        });
        router.route().order(-1).handler(context -> {
            if (!large(context)) {
                context.put(QUARKUS_LIMIT_KEY, limit);
            }
            context.next();
        });
    }

    private boolean large(RoutingContext context) {
        return largePath != null && largeMethod.equals(context.request().method().name())
                && largePath.matcher(context.request().path()).matches();
    }

    private static long declaredLength(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void refuse(RoutingContext context) {
        Locale locale = Messages.pick(context.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        Problem problem = ProblemMappers.problem(locale, context.request().path(), 413, "payload-too-large", List.of());
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // The unread body is still on the wire: close the connection rather than read it.
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONTENT_LANGUAGE, locale.getLanguage())
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }
}
