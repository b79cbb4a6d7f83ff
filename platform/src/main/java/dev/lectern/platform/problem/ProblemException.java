package dev.lectern.platform.problem;

import java.util.List;

/**
 * A refusal the caller can act on: an HTTP status, a stable machine-readable {@code code} and a message
 * key rendered in the caller's language by {@link ProblemMappers}.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final Object[] args;
    private final List<FieldError> errors;

    public ProblemException(int status, String code, Object... args) {
        this(status, code, List.of(), args);
    }

    public ProblemException(int status, String code, List<FieldError> errors, Object... args) {
        super(code, null, false, false);
        this.status = status;
        this.code = code;
        this.args = args;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args.clone();
    }

    public List<FieldError> errors() {
        return errors;
    }

    public static ProblemException notFound() {
        return new ProblemException(404, "not-found");
    }

    public static ProblemException unauthenticated() {
        return new ProblemException(401, "unauthenticated");
    }

    public static ProblemException forbidden() {
        return new ProblemException(403, "forbidden");
    }
}
