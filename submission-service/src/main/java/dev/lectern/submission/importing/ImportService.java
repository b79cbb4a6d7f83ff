package dev.lectern.submission.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.submission.Ids;
import dev.lectern.submission.event.Event;
import dev.lectern.submission.importing.ImportReport.Outcome;
import dev.lectern.submission.problem.FieldError;
import dev.lectern.submission.problem.Messages;
import dev.lectern.submission.problem.ProblemException;
import dev.lectern.submission.problem.ProblemMappers;
import dev.lectern.submission.proposal.Proposal;
import dev.lectern.submission.proposal.ProposalRequest;
import dev.lectern.submission.proposal.ProposalImports;
import dev.lectern.submission.proposal.ProposalImports.ImportOutcome;
import dev.lectern.submission.proposal.ProposalRules;
import dev.lectern.submission.proposal.ProposalStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.Reader;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs a bulk import: reads records as the body arrives, validates each like the submit API, and writes
 * them in batches (one transaction per batch, or one for the whole file in all-or-nothing mode) through
 * {@link ProposalImports}, so every change goes through the outbox. After each batch the outcomes are
 * stored and the job's counts updated, so a long import can be followed and its report fetched later.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    private static final TypeReference<List<FieldError>> ERRORS = new TypeReference<>() {
    };

    public enum Format { JSON, NDJSON, CSV }

    public enum Mode {
        PARTIAL("partial"), ALL_OR_NOTHING("all-or-nothing");

        public final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    public record Options(Format format, Mode mode, boolean dryRun, Locale locale) {
    }

    /** Receives each record's outcome once its batch is done, then a call after every batch. */
    public interface Sink {
        void record(Outcome outcome) throws IOException;

        default void batchDone() throws IOException {
        }
    }

    /** Records as read, with the errors each has on its own and the status it names, in file order. */
    record Checked(List<ImportItem> items, List<List<FieldError>> errors, List<ProposalStatus> named) {
        static Checked empty(int capacity) {
            return new Checked(new ArrayList<>(capacity), new ArrayList<>(capacity), new ArrayList<>(capacity));
        }

        void add(ImportItem item, List<FieldError> itemErrors, ProposalStatus status) {
            items.add(item);
            errors.add(itemErrors);
            named.add(status);
        }
    }

    @Inject
    ProposalImports proposals;

    @Inject
    Validator validator;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    @ConfigProperty(name = "lectern.import.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "lectern.import.inline-records", defaultValue = "1000")
    int inlineRecords;

    @ConfigProperty(name = "lectern.import.all-or-nothing-timeout", defaultValue = "PT1H")
    java.time.Duration allOrNothingTimeout;

    public Event event(String slug) {
        return QuarkusTransaction.requiringNew().call(() -> Event.bySlug(slug).orElseThrow(ProblemException::notFound));
    }

    /** Runs the import to its end (or to the first line the file cannot be read past) and returns the summary. */
    public ImportReport run(Event event, String importer, Options options, Reader body, Sink sink) throws IOException {
        Run run = new Run(event, importer, options, sink);
        return run.execute(body);
    }

    private final class Run {
        final Event event;
        final String importer;
        final Options options;
        final Sink sink;
        final ImportJob job = new ImportJob();
        final boolean outerTransaction;
        final Set<String> seenExternalIds = new HashSet<>();
        final List<Outcome> inline = new ArrayList<>();
        boolean truncated;
        int seq;

        Run(Event event, String importer, Options options, Sink sink) {
            this.event = event;
            this.importer = importer;
            this.options = options;
            this.sink = sink;
            this.outerTransaction = options.mode() == Mode.ALL_OR_NOTHING && !options.dryRun();
            job.id = options.dryRun() ? null : Ids.timeOrdered();
            job.eventId = event.id;
            job.format = options.format().name().toLowerCase(Locale.ROOT);
            job.mode = options.mode().label;
            job.status = ImportJob.Status.RUNNING;
            job.startedBy = importer;
            job.startedAt = clock.instant();
        }

        ImportReport execute(Reader body) throws IOException {
            if (job.id != null) {
                QuarkusTransaction.requiringNew().run(() -> em.persist(copyOf(job)));
            }
            if (outerTransaction) {
                QuarkusTransaction.begin(QuarkusTransaction.beginOptions().timeout((int) allOrNothingTimeout.toSeconds()));
            }
            boolean outerOpen = outerTransaction;
            Reading reading = new Reading(body);
            Thread reader = new Thread(reading, "import-reader-" + (job.id == null ? "dry-run" : job.id));
            reader.setDaemon(true);
            reader.start();
            try {
                for (Checked batch = reading.take(); batch != null; batch = reading.take()) {
                    flush(batch);
                }
            } catch (ImportFileException e) {
                job.status = ImportJob.Status.FAILED;
                job.errorCode = e.code();
                job.errorLine = e.line();
                job.errorDetail = ImportNul.storable(e.getMessage());
            } catch (IOException | RuntimeException e) {
                if (outerOpen) {
                    QuarkusTransaction.rollback();
                    skipWritten(); // the report must not name proposals the rollback removed
                }
                job.status = ImportJob.Status.FAILED;
                String written = outerOpen ? "; nothing was written (all-or-nothing)"
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
                throw e;
            } finally {
                reader.interrupt();
            }
            if (outerOpen) {
                if (job.rejected > 0 || job.status == ImportJob.Status.FAILED) {
                    QuarkusTransaction.rollback();
                    skipWritten();
                    if (job.errorCode == null) {
                        job.status = ImportJob.Status.FAILED;
                        job.errorCode = "import-rolled-back";
                        job.errorDetail = job.rejected + " records were rejected, so nothing was written (all-or-nothing)";
                    }
                } else {
                    QuarkusTransaction.commit();
                }
            }
            if (job.status == ImportJob.Status.RUNNING) {
                job.status = ImportJob.Status.COMPLETED;
            }
            job.finishedAt = clock.instant();
            save();
            return ImportReport.of(job, event.slug, options.dryRun(), inline, truncated ? Boolean.TRUE : null, null);
        }

        ImportSource open(Reader body) throws IOException {
            return switch (options.format()) {
                case CSV -> new CsvSource(body);
                case JSON -> JsonSources.array(mapper, body);
                case NDJSON -> JsonSources.ndjson(mapper, body);
            };
        }

        /**
         * Writes one batch and its outcomes. Apart from all-or-nothing mode, the batch, its import records and
         * the job's counts commit together; in that mode the records and counts commit at once, for progress.
         */
        void flush(Checked batch) throws IOException {
            if (batch.items().isEmpty()) {
                return;
            }
            boolean write = !options.dryRun() && !(outerTransaction && job.rejected > 0);
            int first = seq;
            List<Outcome> outcomes;
            if (outerTransaction) {
                outcomes = process(batch, write);
                // Keep the session small: memory stays flat however many batches the transaction holds.
                em.flush();
                em.clear();
                counted(outcomes);
                QuarkusTransaction.requiringNew().run(() -> {
                    storeRecords(first, outcomes);
                    updateJob();
                });
            } else {
                outcomes = QuarkusTransaction.requiringNew().call(() -> {
                    List<Outcome> done = process(batch, write);
                    counted(done);
                    if (job.id != null) {
                        storeRecords(first, done);
                        updateJob();
                    }
                    return done;
                });
            }
            for (Outcome outcome : outcomes) {
                keepInline(outcome);
                sink.record(outcome);
            }
            sink.batchDone();
        }

        void counted(List<Outcome> outcomes) {
            for (Outcome outcome : outcomes) {
                count(outcome.outcome(), 1);
                seq++;
            }
        }

        /** Finds the proposals a checked batch names and imports (or, not writing, classifies) each record. */
        List<Outcome> process(Checked checked, boolean write) {
            List<ImportItem> batch = checked.items();
            List<List<FieldError>> errors = checked.errors();
            List<ProposalStatus> named = checked.named();
            Set<String> externalIds = new HashSet<>();
            for (int i = 0; i < batch.size(); i++) {
                if (errors.get(i).isEmpty()) {
                    externalIds.add(batch.get(i).externalId());
                }
            }
            Map<String, Proposal> existing = proposals.byExternalIds(event, externalIds, write);
            Outcome[] outcomes = new Outcome[batch.size()];
            List<Integer> toWrite = new ArrayList<>();
            List<ProposalImports.ImportCommand> commands = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                ImportItem item = batch.get(i);
                List<FieldError> itemErrors = errors.get(i);
                if (!itemErrors.isEmpty()) {
                    outcomes[i] = rejected(item, itemErrors);
                    continue;
                }
                ProposalRequest request = item.request();
                Proposal current = existing.get(item.externalId());
                ProposalStatus status = ProposalImports.importStatus(current, request, named.get(i));
                try {
                    ProposalRules.validate(event, request, status != ProposalStatus.DRAFT);
                } catch (ProblemException e) {
                    outcomes[i] = rejected(item, e.errors().stream().map(error -> message(error, e.args())).toList());
                    continue;
                }
                if (write) {
                    toWrite.add(i);
                    commands.add(new ProposalImports.ImportCommand(current, item.externalId(), request, status));
                } else {
                    ImportOutcome outcome = ProposalImports.importOutcome(current, request, status);
                    outcomes[i] = new Outcome(null, item.line(), item.externalId(), label(outcome),
                            current == null ? null : current.id, List.of());
                }
            }
            if (!commands.isEmpty()) {
                List<ProposalImports.Imported> imported = proposals.importBatch(event, commands, importer);
                for (int k = 0; k < toWrite.size(); k++) {
                    ImportItem item = batch.get(toWrite.get(k));
                    outcomes[toWrite.get(k)] = new Outcome(null, item.line(), item.externalId(),
                            label(imported.get(k).outcome()), imported.get(k).proposal().id, List.of());
                }
            }
            return List.of(outcomes);
        }

        /**
         * Reads and checks records on a thread of its own, a batch ahead of the writer, so that parsing and
         * validating the next batch overlaps writing this one. At most two batches wait: memory stays flat.
         */
        final class Reading implements Runnable {
            private static final Object END = new Object();
            private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2);
            private final Reader body;

            Reading(Reader body) {
                this.body = body;
            }

            @Override
            public void run() {
                try {
                    ImportSource source = open(body);
                    Checked batch = Checked.empty(batchSize);
                    for (ImportItem item = source.next(); item != null; item = source.next()) {
                        List<FieldError> errors = new ArrayList<>();
                        ProposalStatus named = firstChecks(item, errors);
                        batch.add(item, errors, named);
                        if (batch.items().size() == batchSize) {
                            queue.put(batch);
                            batch = Checked.empty(batchSize);
                        }
                    }
                    queue.put(batch);
                    queue.put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Throwable e) {
                    // A file that cannot be read past this point: the batch in hand is dropped, as it always was.
                    try {
                        queue.put(e);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            /** The next checked batch, or null at the end; rethrows what stopped the reading. */
            Checked take() throws IOException {
                Object next;
                try {
                    next = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("the import was interrupted");
                }
                if (next == END) {
                    return null;
                }
                if (next instanceof Checked batch) {
                    return batch;
                }
                if (next instanceof IOException e) {
                    throw e;
                }
                if (next instanceof RuntimeException e) {
                    throw e;
                }
                throw new IllegalStateException("import reading failed", (Throwable) next);
            }
        }

        /** Checks that need nothing but the record: readable, external id, status, Bean Validation as in the submit API. */
        ProposalStatus firstChecks(ImportItem item, List<FieldError> errors) {
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
                        Messages.text(options.locale(), "field." + code, ProblemMappers.constraintArgs(violation))));
            }
            violations.sort(Comparator.comparing(FieldError::field));
            errors.addAll(violations);
            return status;
        }

        Outcome rejected(ImportItem item, List<FieldError> errors) {
            return new Outcome(null, item.line(), item.externalId(), ImportReport.REJECTED, null, errors);
        }

        FieldError message(FieldError error, Object... args) {
            return error.message() != null ? error
                    : new FieldError(error.field(), error.code(), Messages.text(options.locale(), "field." + error.code(), args));
        }

        void count(String outcome, int n) {
            switch (outcome) {
                case ImportReport.CREATED -> job.created += n;
                case ImportReport.UPDATED -> job.updated += n;
                case ImportReport.UNCHANGED -> job.unchanged += n;
                case ImportReport.REJECTED -> job.rejected += n;
                default -> job.skipped += n;
            }
        }

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

        /** After an all-or-nothing rollback, the records that would have been written are reported skipped. */
        void skipWritten() {
            job.skipped += job.created + job.updated + job.unchanged;
            job.created = 0;
            job.updated = 0;
            job.unchanged = 0;
            inline.replaceAll(outcome -> ImportReport.REJECTED.equals(outcome.outcome()) ? outcome : outcome.skipped());
            if (job.id != null) {
                QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE import_batch SET "
                                + "outcomes = ARRAY(SELECT CASE WHEN o = 'rejected' THEN o ELSE 'skipped' END "
                                + "FROM unnest(outcomes) WITH ORDINALITY AS u (o, n) ORDER BY n), "
                                + "proposal_ids = array_fill(NULL::uuid, ARRAY[cardinality(proposal_ids)]) WHERE job_id = ?1")
                        .setParameter(1, job.id)
                        .executeUpdate());
            }
        }

        /** Stores a batch's outcomes as one row: records {@code first + 1} on, in order (see migration V5). */
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

        void save() {
            if (job.id != null) {
                QuarkusTransaction.requiringNew().run(() -> em.merge(copyOf(job)));
            }
        }
    }

    /**
     * A page of a job's records, in order, from the batch rows (migration V5): the batches that end after the
     * cursor (last_seq is checked without reading the arrays), in primary-key order, each unnested once (the
     * errors too: indexing into the jsonb array per record would read the whole array for each).
     */
    static final String RECORDS = "SELECT b.first_seq + u.n - 1, u.line, u.external_id, u.outcome, u.proposal_id, "
            + "NULLIF(u.errors, 'null'::jsonb) "
            + "FROM import_batch b CROSS JOIN LATERAL ROWS FROM (unnest(b.lines), unnest(b.external_ids), unnest(b.outcomes), "
            + "unnest(b.proposal_ids), jsonb_array_elements(b.errors)) WITH ORDINALITY AS u (line, external_id, outcome, proposal_id, errors, n) "
            + "WHERE b.job_id = ? AND b.last_seq > ? AND b.first_seq + u.n - 1 > ? "
            + "AND (CAST(? AS text) IS NULL OR u.outcome = ?) ORDER BY b.first_seq, u.n LIMIT ?";

    public List<ImportReport> list(Event event) {
        return QuarkusTransaction.requiringNew().call(() -> ImportJob.<ImportJob>find("eventId = ?1 ORDER BY startedAt DESC", event.id)
                .page(0, 100).list().stream()
                .map(job -> ImportReport.of(job, event.slug, false, null, null, null)).toList());
    }

    /** A job's counts so far and a page of its records (after the {@code after}-th, optionally one outcome only). */
    public ImportReport get(Event event, UUID id, String outcome, int after, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ImportJob job = ImportJob.findById(id);
            if (job == null || !job.eventId.equals(event.id)) {
                throw ProblemException.notFound();
            }
            List<Outcome> records = new ArrayList<>();
            int[] last = {after};
            em.unwrap(Session.class).doWork(connection -> {
                try (PreparedStatement query = connection.prepareStatement(RECORDS)) {
                    query.setObject(1, id);
                    query.setInt(2, after);
                    query.setInt(3, after);
                    query.setString(4, outcome);
                    query.setString(5, outcome);
                    query.setInt(6, limit);
                    try (ResultSet rs = query.executeQuery()) {
                        while (rs.next()) {
                            last[0] = rs.getInt(1);
                            String errors = rs.getString(6);
                            records.add(new Outcome(null, rs.getLong(2), rs.getString(3), rs.getString(4),
                                    rs.getObject(5, UUID.class), errors == null ? List.of() : errors(errors)));
                        }
                    }
                }
            });
            String next = records.size() == limit ? String.valueOf(last[0]) : null;
            return ImportReport.of(job, event.slug, false, records, null, next);
        });
    }

    private String json(Object errors) {
        try {
            return mapper.writeValueAsString(errors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<FieldError> errors(String json) {
        try {
            return mapper.readValue(json, ERRORS);
        } catch (JsonProcessingException e) {
            LOG.warnf("unreadable stored import errors: %s", e.getMessage());
            return List.of();
        }
    }

    private static String label(ImportOutcome outcome) {
        return switch (outcome) {
            case CREATED -> ImportReport.CREATED;
            case UPDATED -> ImportReport.UPDATED;
            case UNCHANGED -> ImportReport.UNCHANGED;
        };
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
