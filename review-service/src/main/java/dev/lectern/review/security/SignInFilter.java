package dev.lectern.review.security;

import dev.lectern.platform.security.Caller;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every API route of review-service is for organizers and reviewers. This asks {@link Permissions} before the
 * body is read and validated, so a caller without a valid token gets 401, and a speaker 403, rather than a
 * 400 about a body they may not send at all. The per-event and per-object checks stay in the resources.
 */
@ApplicationScoped
public class SignInFilter {

    @Inject
    CurrentIdentityAssociation identities;

    @ServerRequestFilter
    public Uni<Void> requireServiceRole(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Uni.createFrom().voidItem();
        }
        // Authentication is lazy (so a bad token gets a problem+json 401): a token that does not verify is anonymous.
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .onItem().transform(identity -> {
                    Caller caller = identity == null || identity.isAnonymous() ? Caller.ANONYMOUS
                            : new Caller(identity.getPrincipal().getName(), null, identity.getRoles());
                    Permissions.requireServiceRole(caller);
                    return null;
                });
    }
}
