package dev.lectern.submission.importing;

import dev.lectern.platform.problem.Problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lectern.platform.problem.FieldError;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What an import did: counts, and each record's outcome. For a large import, {@code records} holds the
 * rejected records only ({@code recordsTruncated}); the full list is at {@code recordsUrl}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportReport(
        String kind,
        UUID id,
        String event,
        String format,
        String mode,
        boolean dryRun,
        String status,
        Counts counts,
        Problem error,
        Instant startedAt,
        Instant finishedAt,
        List<Outcome> records,
        Boolean recordsTruncated,
        String recordsUrl,
        String next) {

    public static final String CREATED = "created";
    public static final String UPDATED = "updated";
    public static final String UNCHANGED = "unchanged";
    public static final String REJECTED = "rejected";
    /** Valid, but not written because an all-or-nothing import had rejected records. */
    public static final String SKIPPED = "skipped";

    public record Counts(int created, int updated, int unchanged, int rejected, int skipped) {
        public int total() {
            return created + updated + unchanged + rejected + skipped;
        }
    }

    /** Why the file could not be read to its end. */
    public record Problem(String code, Long line, String detail) {
    }

    /** One record: where it starts in the file, its external id, what happened, and for a rejected one what to fix. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Outcome(String kind, long line, String externalId, String outcome, UUID proposalId, List<FieldError> errors) {
        public Outcome {
            kind = "record";
        }

        Outcome skipped() {
            return new Outcome(kind, line, externalId, SKIPPED, null, errors);
        }
    }

    static ImportReport of(ImportJob job, String eventSlug, boolean dryRun, List<Outcome> records, Boolean truncated,
                           String next) {
        return new ImportReport("summary", job.id, eventSlug, job.format, job.mode, dryRun, job.status.name(),
                new Counts(job.created, job.updated, job.unchanged, job.rejected, job.skipped),
                job.errorCode == null ? null : new Problem(job.errorCode, job.errorLine, job.errorDetail),
                job.startedAt, job.finishedAt, records, truncated,
                job.id == null ? null : "/api/events/" + eventSlug + "/imports/" + job.id, next);
    }
}
