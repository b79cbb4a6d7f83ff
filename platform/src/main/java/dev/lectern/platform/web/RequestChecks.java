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
        refusals(uri.getPathParameters(), locale, errors);
        refusals(uri.getQueryParameters(), locale, errors);
        String inPath = errors.isEmpty() ? Text.refusal(uri.getPath()) : null;
        if (inPath != null) {
            // A segment that is no parameter of the matched route (or matched none).
            errors.add(new FieldError("path", inPath, Messages.text(locale, "field." + inPath)));
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

    /** One field error per parameter whose name or a value {@link Text} refuses; a refused name is given as "?". */
    private static void refusals(MultivaluedMap<String, String> parameters, Locale locale, List<FieldError> errors) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String inName = Text.refusal(parameter.getKey());
            String refusal = inName != null ? inName
                    : parameter.getValue().stream().map(Text::refusal).filter(java.util.Objects::nonNull).findFirst().orElse(null);
            if (refusal != null) {
                errors.add(new FieldError(inName == null ? parameter.getKey() : "?", refusal, Messages.text(locale, "field." + refusal)));
            }
        }
    }
}
