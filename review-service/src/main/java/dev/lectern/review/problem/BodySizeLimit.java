package dev.lectern.review.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * Refuses a body larger than {@code quarkus.http.limits.max-body-size} with a 413 problem in the caller's
 * language. Quarkus' own check answers first with an empty body, before any exception mapper; this one
 * runs just ahead of it, on the declared Content-Length. (A chunked body without a length still meets
 * Quarkus' limit, with its bare 413.)
 */
@ApplicationScoped
public class BodySizeLimit {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    @Inject
    ObjectMapper mapper;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        router.route().order(-3).handler(context -> {
            if (declaredLength(context) > limit) {
                refuse(context);
            } else {
                context.next();
            }
        });
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
        Locale locale = Messages.pick(acceptedLanguages(context.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE)));
        Problem problem = new Problem(Problem.TYPE_BASE + "payload-too-large",
                Messages.text(locale, "payload-too-large.title"), 413,
                Messages.text(locale, "payload-too-large.detail"), context.request().path(), "payload-too-large",
                List.of());
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

    private static List<Locale> acceptedLanguages(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        try {
            return Locale.LanguageRange.parse(header).stream()
                    .map(range -> Locale.forLanguageTag(range.getRange()))
                    .toList();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }
}
