package dev.lectern.e2e;

import dev.lectern.infra.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * For an end-to-end test that needs both services as processes on the shared stack and nothing more: they start
 * once before the class's tests and stop after them. A subclass's own {@code @BeforeAll} runs after this one's.
 */
abstract class BothServices {

    static Stack stack;
    static ServiceProcess submission;
    static ServiceProcess review;

    @BeforeAll
    static void startBothServices() {
        stack = Stack.get();
        submission = stack.submission().start();
        review = stack.review().start();
    }

    @AfterAll
    static void stopBothServices() {
        if (submission != null) submission.stop();
        if (review != null) review.stop();
    }
}
