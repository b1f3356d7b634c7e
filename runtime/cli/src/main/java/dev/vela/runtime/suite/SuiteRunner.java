package dev.vela.runtime.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs every case directory of a node suite, each on a worker thread with a time limit, so a hanging kernel
 * becomes an {@code error} result instead of stopping the run.
 */
public final class SuiteRunner {

    private final CaseRunner caseRunner;
    private final long timeoutMillis;

    /**
     * @param caseRunner runs one case
     * @param timeoutMillis time limit per case
     */
    public SuiteRunner(CaseRunner caseRunner, long timeoutMillis) {
        this.caseRunner = caseRunner;
        this.timeoutMillis = timeoutMillis;
    }

    /** @return the case directories under {@code root} (those holding a model.onnx) whose name matches */
    public static List<Path> caseDirectories(Path root, Pattern filter) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("model.onnx")))
                    .filter(p -> filter == null
                            || filter.matcher(p.getFileName().toString()).find())
                    .sorted()
                    .toList();
        }
    }

    /**
     * Runs cases in order.
     *
     * @param cases case directories
     * @param onResult called after each case
     * @return the results in order
     */
    public List<CaseResult> run(List<Path> cases, Consumer<CaseResult> onResult) {
        List<CaseResult> results = new ArrayList<>(cases.size());
        ExecutorService worker = newWorker();
        try {
            for (Path c : cases) {
                CaseResult r;
                Future<CaseResult> f = worker.submit(() -> caseRunner.run(c));
                try {
                    r = f.get(timeoutMillis, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    f.cancel(true);
                    worker.shutdownNow();
                    stopIfStillRunning(worker);
                    worker = newWorker();
                    r = new CaseResult(
                            c.getFileName().toString(),
                            caseRunner.opOf(c),
                            CaseStatus.ERROR,
                            "timed out after " + timeoutMillis / 1000.0 + " s");
                } catch (ExecutionException e) {
                    r = CaseRunner.classify(c.getFileName().toString(), caseRunner.opOf(c), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                results.add(r);
                onResult.accept(r);
            }
        } finally {
            worker.shutdownNow();
            threads.remove(worker);
        }
        return results;
    }

    private final java.util.Map<ExecutorService, Thread> threads = new java.util.concurrent.ConcurrentHashMap<>();

    private ExecutorService newWorker() {
        Thread[] holder = new Thread[1];
        ExecutorService service = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vela-suite-case");
            t.setDaemon(true);
            holder[0] = t;
            return t;
        });
        try {
            service.submit(() -> {}).get(); // start the thread now so it can be found if it hangs
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
        threads.put(service, holder[0]);
        return service;
    }

    /**
     * A kernel stuck in a busy loop ignores interrupts and would burn a core for the rest of the run. Give it a
     * moment to react to the interrupt, then stop the thread (still possible on Java 17; later JDKs refuse, and
     * the daemon thread is abandoned).
     */
    @SuppressWarnings({"deprecation", "removal"})
    private void stopIfStillRunning(ExecutorService service) {
        Thread t = threads.remove(service);
        if (t == null) {
            return;
        }
        try {
            t.join(1000);
            if (t.isAlive()) {
                t.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UnsupportedOperationException e) {
            // Java 20+: cannot stop threads; the daemon thread stays abandoned
        }
    }
}
