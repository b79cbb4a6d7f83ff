package dev.lectern.platform.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Verifies a bearer token once and remembers the result until the token expires. A speaker's or an
 * organizer's client sends the same token with every request, and checking its RS256 signature each time
 * was the largest single cost of a submission (docs/benchmarks-history.md). The cache is keyed by the token's exact
 * text, so a token differing in any byte, signature included, is verified afresh; only verified tokens are
 * kept, and each one no longer than its {@code exp} (or {@code iat} plus {@code mp.jwt.verify.token.age}
 * when that is set), without the clock skew verification allows. Trade-off: a token stays accepted until
 * it expires even if its signing key is withdrawn from a JWKS meanwhile, as with any token not checked
 * against its issuer per request.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class VerifiedTokens extends DefaultJWTCallerPrincipalFactory {

    private final TokenCache<JWTCallerPrincipal> cache;

    VerifiedTokens(@ConfigProperty(name = "lectern.auth.token-cache.size", defaultValue = "2000") int size) {
        this.cache = new TokenCache<>(size);
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        long now = System.currentTimeMillis() / 1000;
        JWTCallerPrincipal cached = cache.get(token, now);
        if (cached != null) {
            return cached;
        }
        JWTCallerPrincipal verified = super.parse(token, authContextInfo);
        cache.put(token, verified, validUntil(verified, authContextInfo), now);
        return verified;
    }

    private static long validUntil(JWTCallerPrincipal verified, JWTAuthContextInfo authContextInfo) {
        long until = verified.getExpirationTime();
        Long maxAge = authContextInfo.getTokenAge();
        if (maxAge != null) {
            until = Math.min(until, verified.getIssuedAtTime() + maxAge);
        }
        return until;
    }

    /** Whether exactly this token is remembered as verified now. */
    public boolean remembers(String token) {
        return cache.get(token, System.currentTimeMillis() / 1000) != null;
    }
}
