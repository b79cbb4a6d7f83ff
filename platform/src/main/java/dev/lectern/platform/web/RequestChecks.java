package dev.lectern.platform.web;

import dev.lectern.platform.problem.FieldError;
import dev.lectern.platform.problem.Messages;
import dev.lectern.platform.problem.ProblemMappers;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks every request once, at the boundary, before a resource reads it: a body must say its media type
 * (415 otherwise, rather than being guessed at), and no path segment or query parameter may hold text that
 * {@link Text} refuses (a 400 naming the parameter, rather than a database error later).
 */
public class RequestChecks {

    @ServerRequestFilter
    public Response check(ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        Locale locale = Messages.pick(request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        if (hasBody(request) && request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null) {
            return ProblemMappers.respond(locale, uri, 415, "unsupported-media-type", List.of());
        }
        List<FieldError> errors = new ArrayList<>();
        refusals(uri.getPathParameters(), "", locale, errors);
        refusals(uri.getQueryParameters(), "", locale, errors);
        if (errors.isEmpty() && Text.refusal(uri.getPath()) != null) {
            errors.add(new FieldError("path", Text.refusal(uri.getPath()), Messages.text(locale, "field." + Text.refusal(uri.getPath()))));
        }
        return errors.isEmpty() ? null : ProblemMappers.respond(locale, uri, 400, "validation-failed", errors);
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.trim().equals("0");
        }
        return request.getHeaderString("Transfer-Encoding") != null;
    }

    private static void refusals(MultivaluedMap<String, String> parameters, String prefix, Locale locale, List<FieldError> errors) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String refusal = Text.refusal(parameter.getKey());
            for (String value : parameter.getValue()) {
                if (refusal == null) {
                    refusal = Text.refusal(value);
                }
            }
            if (refusal != null) {
                String name = Text.refusal(parameter.getKey()) == null ? parameter.getKey() : "?";
                errors.add(new FieldError(prefix + name, refusal, Messages.text(locale, "field." + refusal)));
            }
        }
    }
}
