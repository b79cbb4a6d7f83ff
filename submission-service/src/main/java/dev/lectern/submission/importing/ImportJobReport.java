package dev.lectern.submission.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.submission.Ids;
import dev.lectern.submission.event.Event;
import dev.lectern.submission.importing.ImportReport.Outcome;
import dev.lectern.submission.importing.ImportService.Options;
import dev.lectern.platform.problem.FieldError;
import dev.lectern.platform.problem.ProblemMappers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The job report of one import: the {@code import_job} row with its counts and status, the {@code import_batch} rows
 * with each record's outcome (migration V5), and the records the answer lists inline. A dry run keeps its report in
 * memory only.
 */
final class ImportJobReport {

    private static final Logger LOG = Logger.getLogger(ImportJobReport.class);

    private final Event event;
    private final Options options;
    private final Clock clock;
    private final EntityManager em;
    private final ObjectMapper mapper;
    private final int inlineRecords;
    private final ImportJob job = new ImportJob();
    private final List<Outcome> inline = new ArrayList<>();
    private boolean truncated;
    /** How many records have an outcome so far. */
    private int seq;

    ImportJobReport(Event event, String importer, Options options, Clock clock, EntityManager em, ObjectMapper mapper,
                    int inlineRecords) {
        this.event = event;
        this.options = options;
        this.clock = clock;
        this.em = em;
        this.mapper = mapper;
        this.inlineRecords = inlineRecords;
        job.id = options.dryRun() ? null : Ids.timeOrdered();
        job.eventId = event.id;
        job.format = options.format().name().toLowerCase(Locale.ROOT);
        job.mode = options.mode().label;
        job.status = ImportJob.Status.RUNNING;
        job.startedBy = importer;
        job.startedAt = clock.instant();
    }

    /** The job's name for its threads and logs. */
    String name() {
        return job.id == null ? "dry-run" : job.id.toString();
    }

    /** Whether the job is stored (not a dry run). */
    boolean stored() {
        return job.id != null;
    }

    int seq() {
        return seq;
    }

    int rejected() {
        return job.rejected;
    }

    boolean failed() {
        return job.status == ImportJob.Status.FAILED;
    }

    /** Stores the new job, in a transaction of its own, so that it can be followed from the start. */
    void start() {
        if (stored()) {
            QuarkusTransaction.requiringNew().run(() -> em.persist(copyOf(job)));
        }
    }

    /** Counts a batch's outcomes: the first of them is record {@code seq() + 1}. */
    void counted(List<Outcome> outcomes) {
        for (Outcome outcome : outcomes) {
            count(outcome.outcome(), 1);
            seq++;
        }
    }

    /** Keeps the outcome for the answer: every one up to the inline limit, then the rejected ones only. */
    void keepInline(Outcome outcome) {
        if (!truncated) {
            inline.add(outcome);
            if (inline.size() > inlineRecords) {
                // A large import answers with its rejected records only; the rest are in import_batch.
                truncated = true;
                inline.removeIf(kept -> !ImportReport.REJECTED.equals(kept.outcome()));
            }
        } else if (ImportReport.REJECTED.equals(outcome.outcome()) && inline.size() < inlineRecords) {
            inline.add(outcome);
        }
    }

    /** The file could not be read past a line: the job failed there (the batches before it stand, in partial mode). */
    void unreadable(ImportFileException e) {
        job.status = ImportJob.Status.FAILED;
        job.errorCode = e.code();
        job.errorLine = e.line();
        job.errorDetail = ImportNul.storable(e.getMessage());
    }

    /** The import stopped on an error (the client went away, the database failed): the job failed; it is saved. */
    void interrupted(Exception e, boolean rolledBack) {
        job.status = ImportJob.Status.FAILED;
        String written = rolledBack ? "; nothing was written (all-or-nothing)"
                : "; the records reported were written: run the same import again to finish it (records are matched by externalId)";
        if (ProblemMappers.clientWentAway(e)) {
            job.errorCode = "import-upload-interrupted";
            job.errorDetail = "the upload stopped before the end of the file (the client went away) after " + seq + " records" + written;
            LOG.infof("import %s: the client went away after %d records", job.id, seq);
        } else {
            job.errorCode = "import-interrupted";
            job.errorDetail = "the import stopped unexpectedly after " + seq + " records" + written;
        }
        save();
    }

    /** An all-or-nothing import rolled back because of its rejected records (unless it failed for another reason). */
    void rolledBack() {
        if (job.errorCode == null) {
            job.status = ImportJob.Status.FAILED;
            job.errorCode = "import-rolled-back";
            job.errorDetail = job.rejected + " records were rejected, so nothing was written (all-or-nothing)";
        }
    }

    /** Ends the job (completed, unless it failed), saves it, and returns the summary. */
    ImportReport finish() {
        if (job.status == ImportJob.Status.RUNNING) {
            job.status = ImportJob.Status.COMPLETED;
        }
        job.finishedAt = clock.instant();
        save();
        return ImportReport.of(job, event.slug, options.dryRun(), inline, truncated ? Boolean.TRUE : null, null);
    }

    /** After an all-or-nothing rollback, the records that would have been written are reported skipped. */
    void skipWritten() {
        job.skipped += job.created + job.updated + job.unchanged;
        job.created = 0;
        job.updated = 0;
        job.unchanged = 0;
        inline.replaceAll(outcome -> ImportReport.REJECTED.equals(outcome.outcome()) ? outcome : outcome.skipped());
        if (stored()) {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE import_batch SET "
                            + "outcomes = ARRAY(SELECT CASE WHEN o = 'rejected' THEN o ELSE 'skipped' END "
                            + "FROM unnest(outcomes) WITH ORDINALITY AS u (o, n) ORDER BY n), "
                            + "proposal_ids = array_fill(NULL::uuid, ARRAY[cardinality(proposal_ids)]) WHERE job_id = ?1")
                    .setParameter(1, job.id)
                    .executeUpdate());
        }
    }

    /** Stores a batch's outcomes as one row: records {@code first + 1} on, in order (see migration V5), in the caller's transaction. */
    void storeRecords(int first, List<Outcome> outcomes) {
        int n = outcomes.size();
        Long[] lines = new Long[n];
        String[] externalIds = new String[n];
        String[] labels = new String[n];
        UUID[] proposalIds = new UUID[n];
        List<List<FieldError>> errors = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Outcome outcome = outcomes.get(i);
            lines[i] = outcome.line();
            String externalId = outcome.externalId();
            externalIds[i] = externalId == null ? null
                    : ImportNul.storable(externalId.substring(0, Math.min(200, externalId.length())));
            labels[i] = outcome.outcome();
            proposalIds[i] = outcome.proposalId();
            errors.add(outcome.errors() == null || outcome.errors().isEmpty() ? null : outcome.errors());
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO import_batch "
                    + "(job_id, first_seq, last_seq, lines, external_ids, outcomes, proposal_ids, errors) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))")) {
                insert.setObject(1, job.id);
                insert.setInt(2, first + 1);
                insert.setInt(3, first + n);
                insert.setArray(4, connection.createArrayOf("bigint", lines));
                insert.setArray(5, connection.createArrayOf("varchar", externalIds));
                insert.setArray(6, connection.createArrayOf("varchar", labels));
                insert.setArray(7, connection.createArrayOf("uuid", proposalIds));
                insert.setString(8, json(errors));
                insert.executeUpdate();
            }
        });
    }

    /** Writes the job's counts, in the caller's transaction. */
    void updateJob() {
        em.createNativeQuery("UPDATE import_job SET created = ?2, updated = ?3, unchanged = ?4, rejected = ?5, skipped = ?6 WHERE id = ?1")
                .setParameter(1, job.id)
                .setParameter(2, job.created)
                .setParameter(3, job.updated)
                .setParameter(4, job.unchanged)
                .setParameter(5, job.rejected)
                .setParameter(6, job.skipped)
                .executeUpdate();
    }

    private void save() {
        if (stored()) {
            QuarkusTransaction.requiringNew().run(() -> em.merge(copyOf(job)));
        }
    }

    private void count(String outcome, int n) {
        switch (outcome) {
            case ImportReport.CREATED -> job.created += n;
            case ImportReport.UPDATED -> job.updated += n;
            case ImportReport.UNCHANGED -> job.unchanged += n;
            case ImportReport.REJECTED -> job.rejected += n;
            default -> job.skipped += n;
        }
    }

    private String json(Object errors) {
        try {
            return mapper.writeValueAsString(errors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ImportJob copyOf(ImportJob job) {
        ImportJob copy = new ImportJob();
        copy.id = job.id;
        copy.eventId = job.eventId;
        copy.format = job.format;
        copy.mode = job.mode;
        copy.status = job.status;
        copy.created = job.created;
        copy.updated = job.updated;
        copy.unchanged = job.unchanged;
        copy.rejected = job.rejected;
        copy.skipped = job.skipped;
        copy.errorCode = job.errorCode;
        copy.errorLine = job.errorLine;
        copy.errorDetail = job.errorDetail;
        copy.startedBy = job.startedBy;
        copy.startedAt = job.startedAt;
        copy.finishedAt = job.finishedAt;
        return copy;
    }
}
