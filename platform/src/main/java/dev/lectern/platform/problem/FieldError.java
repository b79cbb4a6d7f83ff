package dev.lectern.platform.problem;

/** One field that needs fixing: a JSON path such as {@code speakers[1].email}, and what is wrong, in the caller's language. */
public record FieldError(String field, String code, String message) {
}
