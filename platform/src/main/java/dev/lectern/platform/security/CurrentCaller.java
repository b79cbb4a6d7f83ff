package dev.lectern.platform.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The {@link Caller} of the current request, from its verified token. */
@RequestScoped
public class CurrentCaller {

    @Inject
    JsonWebToken jwt;

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            caller = of(jwt);
        }
        return caller;
    }

    /**
     * The caller a verified token stands for; anonymous without a token or a subject. The groups come from the
     * token's own claim ({@link GroupsClaim}), not from the JWT library's reading of it, which splits a string
     * claim on spaces.
     */
    public static Caller of(JsonWebToken jwt) {
        return jwt == null || jwt.getSubject() == null
                ? Caller.ANONYMOUS
                : new Caller(jwt.getSubject(), jwt.getClaim("email"), GroupsClaim.ofToken(jwt.getRawToken()));
    }
}
