package dev.lectern.platform.problem;

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
import dev.lectern.platform.web.RefusedText;
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
        Locale locale = locale(headers);
        List<FieldError> errors = e.errors().stream()
                .map(error -> new FieldError(error.field(), error.code(), error.message() != null
                        ? error.message() : Messages.text(locale, "field." + error.code(), e.args())))
                .toList();
        return respond(locale, uri, e.status(), e.code(), errors, e.args());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = locale(headers);
        List<FieldError> errors = new ArrayList<>(fieldErrors(e.getConstraintViolations(), locale));
        errors.sort(Comparator.comparing(FieldError::field));
        return respond(locale, uri, 400, "validation-failed", errors);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = locale(headers);
        if (e instanceof UnrecognizedPropertyException unknown) {
            return respond(locale, uri, 400, "validation-failed",
                    List.of(new FieldError(jsonPath(unknown), "unknown-field", Messages.text(locale, "field.unknown-field"))));
        }
        if (e instanceof RefusedText refused) {
            return respond(locale, uri, 400, "validation-failed",
                    List.of(new FieldError(jsonPath(refused), refused.code(), Messages.text(locale, "field." + refused.code()))));
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            JsonMappingException mapping = (JsonMappingException) e;
            return respond(locale, uri, 400, "validation-failed",
                    List.of(new FieldError(jsonPath(mapping), "wrong-type", Messages.text(locale, "field.wrong-type"))));
        }
        String duplicate = duplicateFieldPath(e);
        if (duplicate != null) {
            return respond(locale, uri, 400, "validation-failed",
                    List.of(new FieldError(duplicate, "duplicate", Messages.text(locale, "field.duplicate"))));
        }
        if (e instanceof JsonMappingException mapping && mapping.getCause() instanceof JsonProcessingException cause) {
            return json(cause, headers, uri);
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
        return respond(locale(headers), uri, 401, "unauthenticated", List.of());
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpHeaders headers, UriInfo uri) {
        return respond(locale(headers), uri, 401, "unauthenticated", List.of());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpHeaders headers, UriInfo uri) {
        return respond(locale(headers), uri, 403, "forbidden", List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpHeaders headers, UriInfo uri) {
        int status = e.getResponse().getStatus();
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
        return respond(locale(headers), uri, status, code, List.of());
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, HttpHeaders headers, UriInfo uri) {
        if (clientWentAway(e)) {
            // Nobody is left to answer: not a failure of the service.
            LOG.infof("%s: the client closed the connection before its request was read", uri.getPath());
            return respond(locale(headers), uri, 400, "bad-request", List.of());
        }
        LOG.error("unexpected failure", e);
        return respond(locale(headers), uri, 500, "internal-error", List.of());
    }

    /** The caller's language from the request's {@code Accept-Language}; a malformed header means English. */
    public static Locale locale(HttpHeaders headers) {
        return headers == null ? Locale.ENGLISH : Messages.pick(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
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

    /** The problem for {@code code}: its title and detail in {@code locale}, {@code args} filled into the detail. */
    public static Problem problem(Locale locale, String path, int status, String code, List<FieldError> errors, Object... args) {
        return new Problem(Problem.TYPE_BASE + code,
                Messages.text(locale, code + ".title"),
                status,
                Messages.text(locale, code + ".detail", args),
                path,
                code,
                errors);
    }

    public static Response respond(Locale locale, UriInfo uri, int status, String code, List<FieldError> errors, Object... args) {
        Problem problem = problem(locale, uri == null ? null : uri.getPath(), status, code, errors, args);
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_LANGUAGE, locale.getLanguage())
                .entity(problem)
                .build();
    }

    /** Bean Validation's violations as field errors in {@code locale}, in the order they came. */
    public static List<FieldError> fieldErrors(Iterable<? extends ConstraintViolation<?>> violations, Locale locale) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : violations) {
            String constraint = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
            String code = constraintCode(constraint);
            errors.add(new FieldError(fieldPath(violation.getPropertyPath()), code,
                    Messages.text(locale, "field." + code, constraintArgs(violation))));
        }
        return errors;
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
            case "Future" -> "future";
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
                // "abstract" is a Java keyword, so a record component for it has another name than the JSON field.
                out.append("abstractText".equals(node.getName()) ? "abstract" : node.getName());
            }
        }
        // A violation on the body itself (a missing body) has no field: it is the JSON root.
        return out.isEmpty() ? "$" : out.toString();
    }

    /** The path of the key a body gives twice (the parser refuses it), or null for any other parse error. */
    public static String duplicateFieldPath(Throwable failure) {
        JsonParseException e = null;
        for (Throwable cause = failure; cause != null && e == null; cause = cause.getCause()) {
            if (cause instanceof JsonParseException parse) {
                e = parse;
            }
        }
        String message = e == null ? null : e.getOriginalMessage();
        if (message == null || !message.startsWith("Duplicate field '")) {
            return null;
        }
        String name = message.substring("Duplicate field '".length(), message.lastIndexOf('\''));
        StringBuilder out = new StringBuilder();
        com.fasterxml.jackson.core.JsonParser parser = e.getProcessor();
        if (parser != null) {
            // The parser stands in the object that holds the key twice; its parents are the path to it.
            java.util.Deque<String> parts = new java.util.ArrayDeque<>();
            for (var context = parser.getParsingContext().getParent(); context != null && !context.inRoot(); context = context.getParent()) {
                if (context.inArray()) {
                    parts.push("[" + context.getCurrentIndex() + "]");
                } else if (context.getCurrentName() != null) {
                    parts.push("." + context.getCurrentName());
                }
            }
            parts.forEach(out::append);
        }
        out.append('.').append(name);
        return out.charAt(0) == '.' ? out.substring(1) : out.toString();
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
