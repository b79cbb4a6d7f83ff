package dev.lectern.submission.webapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Serves /app-config.json, the web app's runtime configuration, read by the app before anything else: one build
 * of the app runs against any deployment. A plain HTTP route, not a JAX-RS resource: it describes this
 * installation, it is not part of the API or its OpenAPI document.
 */
@ApplicationScoped
public class WebAppConfigRoute {

    public record OidcView(String issuer, String clientId) {
    }

    public record AppConfigView(String submissionApi, String reviewApi, OidcView oidc, boolean localSignIn) {
    }

    @Inject
    WebAppConfig config;

    @Inject
    ObjectMapper mapper;

    AppConfigView view() {
        OidcView oidc = config.oidcIssuer().filter(issuer -> !issuer.isBlank())
                .map(issuer -> new OidcView(issuer, config.oidcClientId())).orElse(null);
        return new AppConfigView("", config.reviewApi(), oidc, oidc == null && config.localSignIn());
    }

    void route(@Observes Router router) throws JsonProcessingException {
        String body = mapper.writeValueAsString(view());
        router.get("/app-config.json").handler(context -> context.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-cache")
                .end(body));
    }
}
