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
                    .filter(p -> filter == null || filter.matcher(p.getFileName().toString()).find())
                    .sorted().toList();
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
                    // the stuck thread cannot be killed; abandon it (daemon) and continue on a fresh one
                    worker.shutdownNow();
                    worker = newWorker();
                    r = new CaseResult(c.getFileName().toString(), caseRunner.opOf(c), CaseStatus.ERROR,
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
        }
        return results;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vela-suite-case");
            t.setDaemon(true);
            return t;
        });
    }
}
