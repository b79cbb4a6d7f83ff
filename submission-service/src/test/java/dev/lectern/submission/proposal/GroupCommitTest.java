package dev.lectern.submission.proposal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GroupCommit on its own: batches of what is waiting, failures kept to their own item, and closing. */
class GroupCommitTest {

    /** The batches written, in order, and the ones that failed. */
    private final List<List<String>> written = Collections.synchronizedList(new ArrayList<>());
    private final List<List<String>> failed = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch holding = new CountDownLatch(1);

    /** Refuses any batch with "bad" in it; holds a batch with "hold" until released. */
    private void write(List<String> items) {
        if (items.contains("hold")) {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (items.contains("bad")) {
            failed.add(List.copyOf(items));
            throw new IllegalArgumentException("bad item");
        }
        written.add(List.copyOf(items));
    }

    @AfterEach
    void stop() {
        release.countDown();
        callers.shutdownNow();
    }

    @Test
    void oneCallerAtATimeWritesItsItemAlone() {
        try (GroupCommit<String> commits = new GroupCommit<>("test-writer", 8, this::write)) {
            commits.write("a");
            commits.write("b");
            commits.write("c");
        }
        assertEquals(List.of(List.of("a"), List.of("b"), List.of("c")), written);
    }

    @Test
    void itemsWaitingTogetherAreWrittenTogetherAtMostMaxBatchAtATime() throws Exception {
        try (GroupCommit<String> commits = new GroupCommit<>("test-writer", 4, this::write)) {
            Future<?> first = callers.submit(() -> commits.write("hold"));
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            List<Future<?>> others = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String item = "item-" + i;
                others.add(callers.submit(() -> commits.write(item)));
            }
            await().atMost(10, TimeUnit.SECONDS).until(() -> commits.waiting() == 6);
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
            for (Future<?> other : others) {
                other.get(10, TimeUnit.SECONDS);
            }
        }
        assertEquals(List.of("hold"), written.get(0));
        assertEquals(List.of(4, 2), written.subList(1, written.size()).stream().map(List::size).toList(),
                "the six waiting items in two batches of at most four");
        assertEquals(7, written.stream().mapToInt(List::size).sum());
    }

    @Test
    void aFailingItemFailsItsOwnCallerOnly() throws Exception {
        List<Future<?>> others = new ArrayList<>();
        Future<?> bad;
        try (GroupCommit<String> commits = new GroupCommit<>("test-writer", 8, this::write)) {
            Future<?> first = callers.submit(() -> commits.write("hold"));
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            others.add(callers.submit(() -> commits.write("x")));
            await().atMost(10, TimeUnit.SECONDS).until(() -> commits.waiting() == 1);
            bad = callers.submit(() -> commits.write("bad"));
            await().atMost(10, TimeUnit.SECONDS).until(() -> commits.waiting() == 2);
            others.add(callers.submit(() -> commits.write("y")));
            await().atMost(10, TimeUnit.SECONDS).until(() -> commits.waiting() == 3);
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
            for (Future<?> other : others) {
                other.get(10, TimeUnit.SECONDS);
            }
            Exception e = assertThrows(Exception.class, () -> bad.get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof IllegalArgumentException, e.toString());
        }
        assertEquals(List.of(List.of("x", "bad", "y"), List.of("bad")), failed, "the batch, then the bad item alone");
        assertEquals(List.of(List.of("hold"), List.of("x"), List.of("y")), written, "the others, each alone");
    }

    @Test
    void afterCloseEachCallerWritesItsOwnItem() {
        GroupCommit<String> commits = new GroupCommit<>("test-writer", 8, this::write);
        commits.close();
        commits.write("late");
        assertEquals(List.of(List.of("late")), written);
        assertThrows(IllegalArgumentException.class, () -> commits.write("bad"));
    }
}
