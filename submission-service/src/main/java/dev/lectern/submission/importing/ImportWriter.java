package dev.lectern.submission.importing;

import dev.lectern.submission.event.Event;
import dev.lectern.submission.importing.ImportReader.Checked;
import dev.lectern.submission.importing.ImportReport.Outcome;
import dev.lectern.submission.importing.ImportService.Mode;
import dev.lectern.submission.importing.ImportService.Options;
import dev.lectern.submission.importing.ImportService.Sink;
import dev.lectern.platform.problem.FieldError;
import dev.lectern.platform.problem.ProblemException;
import dev.lectern.submission.proposal.Proposal;
import dev.lectern.submission.proposal.ProposalImports;
import dev.lectern.submission.proposal.ProposalImports.ImportOutcome;
import dev.lectern.submission.proposal.ProposalRequest;
import dev.lectern.submission.proposal.ProposalRules;
import dev.lectern.submission.proposal.ProposalStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes an import's checked batches through {@link ProposalImports}: one transaction per batch, with its records and
 * the job's counts, or, in all-or-nothing mode, one transaction for the whole file (the records and counts then commit
 * at once, for progress), committed at the end only if no record was rejected.
 */
final class ImportWriter {

    private final Event event;
    private final String importer;
    private final Options options;
    private final ProposalImports proposals;
    private final EntityManager em;
    private final ImportJobReport report;
    private final ImportChecks checks;
    private final Sink sink;
    private final boolean outerTransaction;

    ImportWriter(Event event, String importer, Options options, ProposalImports proposals, EntityManager em,
                 ImportJobReport report, ImportChecks checks, Sink sink) {
        this.event = event;
        this.importer = importer;
        this.options = options;
        this.proposals = proposals;
        this.em = em;
        this.report = report;
        this.checks = checks;
        this.sink = sink;
        this.outerTransaction = options.mode() == Mode.ALL_OR_NOTHING && !options.dryRun();
    }

    /** Opens the whole file's transaction in all-or-nothing mode. */
    void begin(Duration timeout) {
        if (outerTransaction) {
            QuarkusTransaction.begin(QuarkusTransaction.beginOptions().timeout((int) timeout.toSeconds()));
        }
    }

    /** After an error: rolls the whole file's transaction back, if there is one; returns whether it did. */
    boolean abort() {
        if (!outerTransaction) {
            return false;
        }
        QuarkusTransaction.rollback();
        report.skipWritten(); // the report must not name proposals the rollback removed
        return true;
    }

    /** At the end of the file: commits the whole file's transaction, or rolls it back if a record was rejected. */
    void end() {
        if (!outerTransaction) {
            return;
        }
        if (report.rejected() > 0 || report.failed()) {
            QuarkusTransaction.rollback();
            report.skipWritten();
            report.rolledBack();
        } else {
            QuarkusTransaction.commit();
        }
    }

    /** Writes one batch and its outcomes, and hands the outcomes to the report and the sink. */
    void flush(Checked batch) throws IOException {
        if (batch.items().isEmpty()) {
            return;
        }
        boolean write = !options.dryRun() && !(outerTransaction && report.rejected() > 0);
        int first = report.seq();
        List<Outcome> outcomes;
        if (outerTransaction) {
            outcomes = process(batch, write);
            // Keep the session small: memory stays flat however many batches the transaction holds.
            em.flush();
            em.clear();
            report.counted(outcomes);
            QuarkusTransaction.requiringNew().run(() -> {
                report.storeRecords(first, outcomes);
                report.updateJob();
            });
        } else {
            outcomes = QuarkusTransaction.requiringNew().call(() -> {
                List<Outcome> done = process(batch, write);
                report.counted(done);
                if (report.stored()) {
                    report.storeRecords(first, done);
                    report.updateJob();
                }
                return done;
            });
        }
        for (Outcome outcome : outcomes) {
            report.keepInline(outcome);
            sink.record(outcome);
        }
        sink.batchDone();
    }

    /** Finds the proposals a checked batch names and imports (or, not writing, classifies) each record. */
    private List<Outcome> process(Checked checked, boolean write) {
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
                outcomes[i] = rejected(item, e.errors().stream().map(error -> checks.message(error, e.args())).toList());
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

    private static Outcome rejected(ImportItem item, List<FieldError> errors) {
        return new Outcome(null, item.line(), item.externalId(), ImportReport.REJECTED, null, errors);
    }

    private static String label(ImportOutcome outcome) {
        return switch (outcome) {
            case CREATED -> ImportReport.CREATED;
            case UPDATED -> ImportReport.UPDATED;
            case UNCHANGED -> ImportReport.UNCHANGED;
        };
    }
}
