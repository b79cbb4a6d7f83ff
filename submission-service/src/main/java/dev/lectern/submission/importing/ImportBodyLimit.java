package dev.lectern.submission.importing;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.regex.Pattern;

/**
 * Imports stream large files, so {@code quarkus.http.limits.max-body-size} is the import limit; every other
 * request keeps the API's small limit ({@code lectern.http.max-body-size}), checked here on the declared
 * length and, for bodies read as streams, through the limit Quarkus hands to its request reader.
 */
@ApplicationScoped
public class ImportBodyLimit {

    /** The routing-context key Quarkus' body reader takes its limit from (set by its own handler at order -2). */
    static final String QUARKUS_LIMIT_KEY = "io.quarkus.max-request-size";
    private static final Pattern IMPORT_PATH = Pattern.compile("/api/events/[^/]+/imports/?");

    @ConfigProperty(name = "lectern.http.max-body-size", defaultValue = "1M")
    MemorySize apiLimit;

    void install(@Observes Router router) {
        long limit = apiLimit.asLongValue();
        router.route().order(-1).handler(context -> {
            if (context.request().method() == HttpMethod.POST && IMPORT_PATH.matcher(context.request().path()).matches()) {
                context.next();
                return;
            }
            String length = context.request().getHeader("Content-Length");
            if (length != null && tooLong(length, limit)) {
                context.response().putHeader("Connection", "close").setStatusCode(413).end();
                return;
            }
            context.put(QUARKUS_LIMIT_KEY, limit);
            context.next();
        });
    }

    private static boolean tooLong(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
