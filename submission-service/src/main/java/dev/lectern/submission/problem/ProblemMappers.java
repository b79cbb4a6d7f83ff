package dev.lectern.submission.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns every failure into RFC 9457 problem details in the caller's language. Bad input is a 4xx that
 * names the field; anything unexpected is a 500 that names nothing internal.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = Messages.pick(headers.getAcceptableLanguages());
        List<FieldError> errors = e.errors().stream()
                .map(error -> new FieldError(error.field(), error.code(), error.message() != null
                        ? error.message() : Messages.text(locale, "field." + error.code(), e.args())))
                .toList();
        return respond(locale, uri, e.status(), e.code(), errors, e.args());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = Messages.pick(headers.getAcceptableLanguages());
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            String constraint = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
            String code = constraintCode(constraint);
            Object[] attributes = constraintArgs(violation);
            errors.add(new FieldError(fieldPath(violation.getPropertyPath()), code,
                    Messages.text(locale, "field." + code, attributes)));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return respond(locale, uri, 400, "validation-failed", errors);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = Messages.pick(headers.getAcceptableLanguages());
        if (e instanceof UnrecognizedPropertyException unknown) {
            return respond(locale, uri, 400, "validation-failed",
                    List.of(new FieldError(jsonPath(unknown), "unknown-field", Messages.text(locale, "field.unknown-field"))));
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            JsonMappingException mapping = (JsonMappingException) e;
            return respond(locale, uri, 400, "validation-failed",
                    List.of(new FieldError(jsonPath(mapping), "wrong-type", Messages.text(locale, "field.wrong-type"))));
        }
        if (e instanceof StreamConstraintsException) {
            return respond(locale, uri, 400, "json-too-complex", List.of());
        }
        if (e instanceof JsonParseException && e.getCause() instanceof CharacterCodingException) {
            return respond(locale, uri, 400, "invalid-utf8", List.of());
        }
        return respond(locale, uri, 400, "invalid-json", List.of());
    }

    /**
     * Jackson's binding errors (unknown field, wrong type) have a built-in mapper of their own that answers
     * in plain JSON; this more specific one keeps them in the one error format.
     */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, HttpHeaders headers, UriInfo uri) {
        return json(e, headers, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpHeaders headers, UriInfo uri) {
        return respond(Messages.pick(headers.getAcceptableLanguages()), uri, 401, "unauthenticated", List.of());
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpHeaders headers, UriInfo uri) {
        return respond(Messages.pick(headers.getAcceptableLanguages()), uri, 401, "unauthenticated", List.of());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpHeaders headers, UriInfo uri) {
        return respond(Messages.pick(headers.getAcceptableLanguages()), uri, 403, "forbidden", List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpHeaders headers, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Locale locale = Messages.pick(headers.getAcceptableLanguages());
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, headers, uri);
        }
        String code = switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> status >= 500 ? "internal-error" : "bad-request";
        };
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        Response.ResponseBuilder builder = Response.fromResponse(respond(locale, uri, status, code, List.of()));
        return builder.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, HttpHeaders headers, UriInfo uri) {
        if (clientWentAway(e)) {
            // Nobody is left to answer: not a failure of the service.
            LOG.infof("%s: the client closed the connection before its request was read", uri.getPath());
            return respond(Messages.pick(headers.getAcceptableLanguages()), uri, 400, "bad-request", List.of());
        }
        LOG.error("unexpected failure", e);
        return respond(Messages.pick(headers.getAcceptableLanguages()), uri, 500, "internal-error", List.of());
    }

    /** Whether a failure is the client closing its connection while its request body was being read. */
    public static boolean clientWentAway(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.vertx.core.http.HttpClosedException || cause instanceof io.vertx.core.http.StreamResetException) {
                return true;
            }
        }
        return false;
    }

    /** 429 for the rate limiter, which answers before any resource runs. */
    public static Response tooManyRequests(Locale locale, String path) {
        return Response.status(429)
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_LANGUAGE, locale.getLanguage())
                .entity(problem(locale, path, 429, "too-many-requests", List.of()))
                .build();
    }

    static Problem problem(Locale locale, String path, int status, String code, List<FieldError> errors, Object... args) {
        return new Problem(Problem.TYPE_BASE + code,
                Messages.text(locale, code + ".title"),
                status,
                Messages.text(locale, code + ".detail", args),
                path,
                code,
                errors);
    }

    static Response respond(Locale locale, UriInfo uri, int status, String code, List<FieldError> errors, Object... args) {
        Problem problem = problem(locale, uri == null ? null : uri.getPath(), status, code, errors, args);
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_LANGUAGE, locale.getLanguage())
                .entity(problem)
                .build();
    }

    public static String constraintCode(String constraint) {
        return switch (constraint) {
            case "NotNull", "NotBlank", "NotEmpty" -> "required";
            case "Size" -> "size";
            case "Min" -> "min";
            case "Max" -> "max";
            case "Email" -> "email";
            case "Pattern" -> "pattern";
            case "Positive" -> "positive";
            default -> "invalid";
        };
    }

    public static Object[] constraintArgs(ConstraintViolation<?> violation) {
        var attributes = violation.getConstraintDescriptor().getAttributes();
        return new Object[] {
                attributes.getOrDefault("min", attributes.getOrDefault("value", "")),
                attributes.getOrDefault("max", "")};
    }

    /** {@code create.request.speakers[1].email} becomes {@code speakers[1].email}. */
    public static String fieldPath(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
                continue;
            }
            if (node.isInIterable() && !out.isEmpty()) {
                out.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                // "abstract" is a Java keyword, so the component has another name than the JSON field.
                out.append("abstractText".equals(node.getName()) ? "abstract" : node.getName());
            }
        }
        // A violation on the body itself (a missing body) has no field: it is the JSON root.
        return out.isEmpty() ? "$" : out.toString();
    }

    public static String jsonPath(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                out.append('[').append(reference.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "$" : out.toString();
    }
}
