package dev.lectern.submission.proposal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes the items that concurrent callers hand in, in batches, on a thread of its own. A caller blocks until the
 * batch holding its item is written, then returns, or throws what writing its item threw. A batch is whatever is
 * waiting when the thread gets to it, at most {@code maxBatch} items. Under light load, each item is written alone
 * and at once. Under heavy load, many items share one write (for a database: one transaction and one commit).
 *
 * <p>If a batch of several items fails, each item is written again alone, so an item's failure reaches its own
 * caller only. A batch that failed was written not at all: the writer is all or nothing.
 *
 * <p>After {@link #close}, callers write their items alone, on their own threads.
 */
final class GroupCommit<T> implements AutoCloseable {

    /** Writes a batch, all or nothing. */
    interface Writer<T> {
        void write(List<T> items);
    }

    private record Pending<T>(T item, CompletableFuture<Void> written) {
    }

    private final LinkedBlockingQueue<Pending<T>> queue = new LinkedBlockingQueue<>();
    private final Writer<T> writer;
    private final int maxBatch;
    private final Thread thread;
    private volatile boolean open = true;

    GroupCommit(String threadName, int maxBatch, Writer<T> writer) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.writer = writer;
        this.maxBatch = maxBatch;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Writes the item, with whatever else is waiting; returns once it is written. */
    void write(T item) {
        Pending<T> pending = new Pending<>(item, new CompletableFuture<>());
        queue.add(pending);
        // Closed meanwhile: the thread may have stopped before it saw this item. Whoever takes it off the queue
        // writes it: this caller, or the thread (or close) that took it first.
        if (!open && queue.remove(pending)) {
            writer.write(List.of(item));
            return;
        }
        try {
            pending.written().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** How many items wait for the thread. */
    int waiting() {
        return queue.size();
    }

    /** Writes what is waiting, then stops the thread. Items handed in afterwards are written on the caller's thread. */
    @Override
    public void close() {
        open = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Pending<T> pending; (pending = queue.poll()) != null; ) {
            writeBatch(List.of(pending));
        }
    }

    private void run() {
        List<Pending<T>> batch = new ArrayList<>(maxBatch);
        while (open || !queue.isEmpty()) {
            Pending<T> first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue;
            }
            if (first == null) {
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, maxBatch - 1);
            writeBatch(batch);
            batch.clear();
        }
    }

    private void writeBatch(List<Pending<T>> batch) {
        List<T> items = new ArrayList<>(batch.size());
        batch.forEach(pending -> items.add(pending.item()));
        try {
            writer.write(items);
            batch.forEach(pending -> pending.written().complete(null));
            return;
        } catch (Throwable e) {
            if (batch.size() == 1) {
                batch.get(0).written().completeExceptionally(e);
                return;
            }
        }
        for (Pending<T> pending : batch) {
            try {
                writer.write(List.of(pending.item()));
                pending.written().complete(null);
            } catch (Throwable e) {
                pending.written().completeExceptionally(e);
            }
        }
    }
}
