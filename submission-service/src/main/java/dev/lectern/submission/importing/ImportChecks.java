package dev.lectern.submission.importing;

import dev.lectern.platform.problem.FieldError;
import dev.lectern.platform.problem.Messages;
import dev.lectern.platform.problem.ProblemMappers;
import dev.lectern.submission.proposal.ProposalRequest;
import dev.lectern.submission.proposal.ProposalStatus;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The checks of one import that need nothing but the record (and the records before it): readable, no NUL,
 * external id present and not seen before in the file, status known, Bean Validation as in the submit API. Messages
 * in the import's language. One per import: it remembers the external ids it has seen.
 */
final class ImportChecks {

    private final Validator validator;
    private final Locale locale;
    private final Set<String> seenExternalIds = new HashSet<>();

    ImportChecks(Validator validator, Locale locale) {
        this.validator = validator;
        this.locale = locale;
    }

    /** Adds the record's errors to {@code errors}; returns the status it names, if it names a known one. */
    ProposalStatus check(ImportItem item, List<FieldError> errors) {
        for (FieldError error : item.readErrors()) {
            errors.add(message(error));
        }
        // PostgreSQL cannot store U+0000 in text: such a record is rejected here, never sent to the database.
        for (String field : ImportNul.fieldsWithNul(item)) {
            errors.add(message(new FieldError(field, "nul-character", null)));
        }
        String externalId = item.externalId();
        if (externalId == null || externalId.isBlank()) {
            errors.add(message(new FieldError("externalId", "required", null)));
        } else if (externalId.length() > 200) {
            errors.add(message(new FieldError("externalId", "size", null), 1, 200));
        } else if (!seenExternalIds.add(externalId)) {
            errors.add(message(new FieldError("externalId", "duplicate-in-file", null)));
        }
        if (item.request() == null) {
            return null;
        }
        ProposalStatus status = null;
        if (item.status() != null) {
            try {
                status = ProposalStatus.valueOf(item.status().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(message(new FieldError("status", "import-status", null)));
            }
        }
        List<FieldError> violations = new ArrayList<>();
        for (ConstraintViolation<ProposalRequest> violation : validator.validate(item.request())) {
            String constraint = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
            String code = ProblemMappers.constraintCode(constraint);
            violations.add(new FieldError(ProblemMappers.fieldPath(violation.getPropertyPath()), code,
                    Messages.text(locale, "field." + code, ProblemMappers.constraintArgs(violation))));
        }
        violations.sort(Comparator.comparing(FieldError::field));
        errors.addAll(violations);
        return status;
    }

    /** The error with its message in the import's language (kept if it has one). */
    FieldError message(FieldError error, Object... args) {
        return error.message() != null ? error
                : new FieldError(error.field(), error.code(), Messages.text(locale, "field." + error.code(), args));
    }
}
