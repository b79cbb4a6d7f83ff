package dev.lectern.submission.importing;

import dev.lectern.platform.problem.FieldError;
import dev.lectern.submission.proposal.ProposalRequest;

import java.util.List;

/**
 * One record read from an import file: where it starts (CSV and NDJSON: physical line; JSON: array
 * index + 1), its external id and status, and the proposal it describes, or the errors that kept it
 * from being read at all.
 */
public record ImportItem(long line, String externalId, String status, ProposalRequest request, List<FieldError> readErrors) {

    public static ImportItem unreadable(long line, String externalId, List<FieldError> errors) {
        return new ImportItem(line, externalId, null, null, errors);
    }
}
