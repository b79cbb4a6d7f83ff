package dev.lectern.submission.importing;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.regex.Pattern;

/**
 * Imports stream large files, so {@code quarkus.http.limits.max-body-size} is the import limit. Every
 * other request keeps the API's small limit ({@code lectern.http.max-body-size}): a declared length is
 * refused by {@code problem.BodySizeLimit}; a body without one (chunked) meets it here, through the limit
 * Quarkus hands to its request reader. Quarkus sets that limit at order -2, so this runs after it.
 */
@ApplicationScoped
public class ImportBodyLimit {

    /** The routing-context key Quarkus' body reader takes its limit from. */
    static final String QUARKUS_LIMIT_KEY = "io.quarkus.max-request-size";
    private static final Pattern IMPORT_PATH = Pattern.compile("/api/events/[^/]+/imports/?");

    @ConfigProperty(name = "lectern.http.max-body-size")
    MemorySize apiLimit;

    public static boolean isImport(RoutingContext context) {
        return context.request().method() == HttpMethod.POST && IMPORT_PATH.matcher(context.request().path()).matches();
    }

    void install(@Observes Router router) {
        long limit = apiLimit.asLongValue();
        router.route().order(-1).handler(context -> {
            if (!isImport(context)) {
                context.put(QUARKUS_LIMIT_KEY, limit);
            }
            context.next();
        });
    }
}
