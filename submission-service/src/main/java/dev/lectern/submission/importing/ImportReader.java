package dev.lectern.submission.importing;

import dev.lectern.platform.problem.FieldError;
import dev.lectern.submission.proposal.ProposalStatus;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads and checks an import's records on a thread of its own, a batch ahead of the writer, so that parsing and
 * validating the next batch overlaps writing this one. At most two batches wait: memory stays flat.
 */
final class ImportReader implements Runnable {

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

    /** Opens the file's records; called on the reading thread, as opening reads the first of them. */
    interface Opener {
        ImportSource open() throws IOException;
    }

    private static final Object END = new Object();
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2);
    private final Opener opener;
    private final ImportChecks checks;
    private final int batchSize;

    ImportReader(Opener opener, ImportChecks checks, int batchSize) {
        this.opener = opener;
        this.checks = checks;
        this.batchSize = batchSize;
    }

    /** Starts reading on a daemon thread with this name; interrupt it to stop. */
    Thread start(String name) {
        Thread thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void run() {
        try {
            ImportSource source = opener.open();
            Checked batch = Checked.empty(batchSize);
            for (ImportItem item = source.next(); item != null; item = source.next()) {
                List<FieldError> errors = new ArrayList<>();
                ProposalStatus named = checks.check(item, errors);
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
            throw new InterruptedIOException("the import was interrupted");
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
