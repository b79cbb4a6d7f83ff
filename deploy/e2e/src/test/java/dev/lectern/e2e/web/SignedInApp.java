package dev.lectern.e2e.web;

import dev.lectern.e2e.Stack;
import dev.lectern.infra.Keycloak;
import dev.lectern.infra.ServiceProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What the browser tests run: a real Keycloak with Lectern's realm (signing with the stack's key, as the local
 * stack's does) and both services configured with its issuer and JWKS as in production, the web app served by
 * submission-service and calling review-service across origins.
 */
final class SignedInApp implements AutoCloseable {

    final Keycloak keycloak;
    final ServiceProcess review;
    final ServiceProcess submission;

    private SignedInApp(Keycloak keycloak, ServiceProcess review, ServiceProcess submission) {
        this.keycloak = keycloak;
        this.review = review;
        this.submission = submission;
    }

    /**
     * Starts it, the services on these ports (0: any free one); {@code realm} may add to Lectern's realm (users,
     * groups) before Keycloak imports it.
     */
    static SignedInApp start(Stack stack, String test, int reviewPort, int submissionPort, UnaryOperator<String> realm) {
        Path javaHome = Keycloak.findJavaHome().orElseThrow(() -> new IllegalStateException(
                test + " needs a JDK " + Keycloak.MINIMUM_JAVA + " or newer to run Keycloak, and found none: set "
                        + Keycloak.JAVA_HOME_VARIABLE + " or install one under /usr/lib/jvm"));
        Path dist = Path.of(System.getProperty("lectern.keycloak.dist", "target/keycloak/missing.zip"));
        Path root = Path.of(System.getProperty("lectern.root", "../..")).toAbsolutePath().normalize();
        int review = reviewPort == 0 ? ServiceProcess.freePort() : reviewPort;
        int submission = submissionPort == 0 ? ServiceProcess.freePort() : submissionPort;
        String app = "http://localhost:" + submission;

        Path home = Keycloak.unpack(dist, dist.getParent());
        Keycloak.installRealm(home, realm.apply(
                Keycloak.realm(root.resolve("deploy/keycloak/lectern-realm.json"), stack.tokens, List.of(app))));
        Keycloak keycloak = Keycloak.start(home, javaHome, 0, stack.logs.resolve("keycloak-" + test + ".log"),
                Duration.ofSeconds(180));
        Map<String, String> reviewEnv = new HashMap<>(Map.of(
                "LECTERN_JWT_PUBLIC_KEY_LOCATION", keycloak.jwksUrl(),
                "LECTERN_JWT_ISSUER", keycloak.issuer()));
        Map<String, String> submissionEnv = new HashMap<>(reviewEnv);
        reviewEnv.put("LECTERN_CORS_ORIGINS", app);
        submissionEnv.put("LECTERN_WEB_REVIEW_API", "http://localhost:" + review);
        submissionEnv.put("LECTERN_WEB_OIDC_ISSUER", keycloak.issuer());
        return new SignedInApp(keycloak, stack.service("review", review, reviewEnv).start(),
                stack.service("submission", submission, submissionEnv).start());
    }

    String address() {
        return submission.baseUrl();
    }

    @Override
    public void close() {
        submission.stop();
        review.stop();
        keycloak.stop();
    }
}
