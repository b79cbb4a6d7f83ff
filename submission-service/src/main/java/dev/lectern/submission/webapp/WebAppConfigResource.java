package dev.lectern.submission.webapp;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Map;

/**
 * The web app's runtime configuration, read by the app before anything else: one build of the app runs against
 * any deployment. Not part of the API (hidden from the OpenAPI document): it describes this installation.
 */
@Path("/app-config.json")
public class WebAppConfigResource {

    @Inject
    WebAppConfig config;

    public record OidcView(String issuer, String clientId) {
    }

    public record AppConfigView(String submissionApi, String reviewApi, OidcView oidc, boolean localSignIn) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public AppConfigView get() {
        OidcView oidc = config.oidcIssuer().map(issuer -> new OidcView(issuer, config.oidcClientId())).orElse(null);
        return new AppConfigView("", config.reviewApi(), oidc, oidc == null && config.localSignIn());
    }
}
