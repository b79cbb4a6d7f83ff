package dev.lectern.submission.webapp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * What the web app (served at / by this service) needs to know at run time: where review-service is and which
 * OpenID Connect provider to sign in with. Environment: LECTERN_WEB_REVIEW_API, LECTERN_WEB_OIDC_ISSUER,
 * LECTERN_WEB_OIDC_CLIENT_ID, LECTERN_WEB_LOCAL_SIGN_IN.
 */
@ConfigMapping(prefix = "lectern.web")
public interface WebAppConfig {

    /** review-service's base URL as the browser reaches it (the app calls it directly; CORS allows the app). */
    @WithDefault("http://localhost:8081")
    String reviewApi();

    /** The issuer the app signs in with (authorization code with PKCE); none means no provider. */
    Optional<String> oidcIssuer();

    /** The provider's public client for the app. */
    @WithDefault("lectern-web")
    String oidcClientId();

    /** Offer the local stack's token sign-in when no provider is configured; never in production. */
    @WithDefault("false")
    boolean localSignIn();
}
