package dev.lectern.submission.security;

import dev.lectern.platform.security.Caller;
import dev.lectern.platform.security.CurrentCaller;
import dev.lectern.platform.problem.ProblemException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;

/**
 * Checks the role part of a route's {@link Requires} row ({@link Permissions#requireRole}) before its body is read
 * and validated, so that a caller without a valid token gets 401, and a speaker on an organizer's route 403, rather
 * than a 400 that names the fields of a body they may not send at all. A route without {@link Requires} is refused:
 * a route nobody classified is not open by accident.
 */
@ApplicationScoped
public class BodyAfterPermission {

    @Inject
    CurrentIdentityAssociation identities;

    @ServerRequestFilter
    public Uni<Void> check(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        Requires requires = method == null ? null : method.getAnnotation(Requires.class);
        if (method == null) {
            return Uni.createFrom().voidItem();
        }
        if (requires == null) {
            throw ProblemException.forbidden();
        }
        if (requires.value() == Permissions.Action.EVENT_READ) {
            return Uni.createFrom().voidItem();
        }
        String event = request.getUriInfo().getPathParameters().getFirst("event");
        // Authentication is lazy (so a bad token gets a problem+json 401): a token that does not verify is anonymous.
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .onItem().transform(identity -> {
                    Permissions.requireRole(callerOf(identity), requires.value(), event);
                    return null;
                });
    }

    private static Caller callerOf(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                ? Caller.ANONYMOUS : CurrentCaller.of(jwt);
    }
}
