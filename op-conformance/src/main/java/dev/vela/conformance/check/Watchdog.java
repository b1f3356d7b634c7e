package dev.vela.conformance.check;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a check on its own daemon thread and stops waiting after a time limit, so a kernel that
 * hangs fails its check instead of hanging the test run. (The hung thread cannot be killed; the
 * certification gate runs the kit in a forked JVM for that reason, docs/architecture.md D7.)
 */
final class Watchdog {

    private Watchdog() {}

    /**
     * @param work the work
     * @param limit how long to wait
     * @param threadName name of the worker thread
     * @param <T> result type
     * @return the work's result
     * @throws TimeoutException if it did not finish in time
     */
    static <T> T call(Callable<T> work, Duration limit, String threadName) throws TimeoutException {
        FutureTask<T> task = new FutureTask<>(work);
        Thread worker = new Thread(task, threadName);
        worker.setDaemon(true);
        worker.start();
        try {
            return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.cancel(true);
            throw new KitError("interrupted while waiting for a check", e);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new KitError("check failed: " + cause, cause);
        }
    }
}
