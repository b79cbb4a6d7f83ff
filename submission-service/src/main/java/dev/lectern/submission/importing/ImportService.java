package dev.lectern.submission.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.submission.event.Event;
import dev.lectern.submission.importing.ImportReport.Outcome;
import dev.lectern.platform.problem.FieldError;
import dev.lectern.platform.problem.Messages;
import dev.lectern.platform.problem.ProblemException;
import dev.lectern.platform.problem.ProblemMappers;
import dev.lectern.submission.proposal.Proposal;
import dev.lectern.submission.proposal.ProposalRequest;
import dev.lectern.submission.proposal.ProposalStatus;
import dev.lectern.submission.proposal.ProposalImports;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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
import java.util.List;
import java.util.Locale;
import java.util.UUID;

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

    /**
     * Runs the import to its end (or to the first line the file cannot be read past) and returns the summary: an
     * {@link ImportReader} reads and checks records a batch ahead on a thread of its own, an {@link ImportWriter} writes
     * them, and the {@link ImportJobReport} keeps the job's counts and each record's outcome.
     */
    public ImportReport run(Event event, String importer, Options options, Reader body, Sink sink) throws IOException {
        ImportJobReport report = new ImportJobReport(event, importer, options, clock, em, mapper, inlineRecords);
        ImportChecks checks = new ImportChecks(validator, options.locale());
        ImportWriter writer = new ImportWriter(event, importer, options, proposals, em, report, checks, sink);
        ImportReader reading = new ImportReader(() -> open(options.format(), body), checks, batchSize);
        report.start();
        writer.begin(allOrNothingTimeout);
        Thread reader = reading.start("import-reader-" + report.name());
        try {
            for (ImportReader.Checked batch = reading.take(); batch != null; batch = reading.take()) {
                writer.flush(batch);
            }
        } catch (ImportFileException e) {
            report.unreadable(e);
        } catch (IOException | RuntimeException e) {
            report.interrupted(e, writer.abort());
            throw e;
        } finally {
            reader.interrupt();
        }
        writer.end();
        return report.finish();
    }

    private ImportSource open(Format format, Reader body) throws IOException {
        return switch (format) {
            case CSV -> new CsvSource(body);
            case JSON -> JsonSources.array(mapper, body);
            case NDJSON -> JsonSources.ndjson(mapper, body);
        };
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

    private List<FieldError> errors(String json) {
        try {
            return mapper.readValue(json, ERRORS);
        } catch (JsonProcessingException e) {
            LOG.warnf("unreadable stored import errors: %s", e.getMessage());
            return List.of();
        }
    }

}
