package dev.vela.maven;

import dev.vela.maven.fork.CertifyMain;
import dev.vela.maven.fork.Progress;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Starts the certification JVM and watches it: per-case timeout (a call into the plugin that has
 * not returned), total timeout, native crash, out of memory, early exit. Maven's own JVM never runs
 * plugin code, so none of these can take the build down or hang it.
 */
final class ForkRunner {

    private static final long POLL_MILLIS = 100;

    private final Path javaExecutable;
    private final List<String> jvmArgs;
    private final List<Path> classPath;
    private final Duration caseTimeout;
    private final Duration totalTimeout;
    private final Consumer<String> log;

    /**
     * @param java the java executable
     * @param jvmArgs extra JVM options
     * @param classPath the fork's class path
     * @param caseTimeout longest a single call into the plugin may take
     * @param totalTimeout longest the whole run may take
     * @param log where progress lines go
     */
    ForkRunner(
            Path java,
            List<String> jvmArgs,
            List<Path> classPath,
            Duration caseTimeout,
            Duration totalTimeout,
            Consumer<String> log) {
        this.javaExecutable = java;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.classPath = List.copyOf(classPath);
        this.caseTimeout = caseTimeout;
        this.totalTimeout = totalTimeout;
        this.log = log;
    }

    /** JavaCPP's system property naming the directory it extracts native libraries to. */
    static final String NATIVE_CACHE_PROPERTY = "org.bytedeco.javacpp.cachedir";

    /** The fork's own native-library directory in the work directory. */
    static final String NATIVE_CACHE_DIR = "javacpp-cache";

    /**
     * @param configFile the fork configuration
     * @param workDir where logs, crash files and the fork's extracted native libraries go
     * @return the fork's command line
     */
    List<String> command(Path configFile, Path workDir) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable.toString());
        cmd.addAll(jvmArgs);
        // after the configured options, so it wins over one of them (the last -D of a name counts)
        cmd.add("-D" + NATIVE_CACHE_PROPERTY + "=" + workDir.resolve(NATIVE_CACHE_DIR));
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-XX:ErrorFile=" + workDir.resolve("hs_err_pid%p.log"));
        cmd.add("-XX:-CreateCoredumpOnCrash");
        cmd.add("-cp");
        cmd.add(String.join(
                File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        cmd.add(CertifyMain.class.getName());
        cmd.add(configFile.toString());
        return cmd;
    }

    /**
     * An empty directory for the fork's extracted native libraries. JavaCPP reuses a library it extracted before
     * when the cached file's name, size and time match the jar entry's, and reproducible builds give every entry the
     * same time: with the user's shared cache, the gate could test an earlier build's library (or a planted one) of
     * the same size and certify the jar under test for it. A fresh directory per run means the library tested is the
     * one in the jar.
     *
     * @param workDir the gate's work directory
     * @return the emptied {@code javacpp-cache} directory in it
     * @throws IOException if it cannot be emptied or made
     */
    static Path freshNativeCache(Path workDir) throws IOException {
        Path cache = workDir.resolve(NATIVE_CACHE_DIR);
        if (Files.exists(cache)) {
            try (Stream<Path> all = Files.walk(cache)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(cache);
    }

    /**
     * @param configFile the fork configuration
     * @param progressFile the progress file the fork maps
     * @param resultFile the result file it writes on completion
     * @param workDir where logs and crash files go
     * @return how it ended
     * @throws IOException if the process cannot be started
     * @throws InterruptedException if Maven is interrupted (the fork is killed)
     */
    ForkOutcome run(Path configFile, Path progressFile, Path resultFile, Path workDir)
            throws IOException, InterruptedException {
        Files.deleteIfExists(resultFile);
        Files.deleteIfExists(progressFile);
        try (Stream<Path> old = Files.list(workDir)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith("hs_err"))
                    .toList()) {
                Files.delete(p);
            }
        }
        Path stdout = workDir.resolve("fork-stdout.log");
        Path stderr = workDir.resolve("fork-stderr.log");
        freshNativeCache(workDir);
        List<String> cmd = command(configFile, workDir);
        Process process = new ProcessBuilder(cmd)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        long start = System.nanoTime();
        String lastWhere = "";
        try {
            while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                Optional<Progress.Snapshot> snap = Progress.read(progressFile);
                if (snap.isPresent()) {
                    Progress.Snapshot s = snap.get();
                    if (!s.check().equals(lastWhere)) {
                        lastWhere = s.check();
                        log.accept(lastWhere);
                    }
                    long stuck = System.currentTimeMillis() - s.sinceMillis();
                    if (s.inCall() && stuck > caseTimeout.toMillis()) {
                        kill(process);
                        return new ForkOutcome(
                                ForkOutcome.Kind.CASE_TIMEOUT,
                                -1,
                                s.where(),
                                "the call did not return within the " + "per-case timeout of " + caseTimeout.toSeconds()
                                        + " s; the fork was killed");
                    }
                }
                if (System.nanoTime() - start > totalTimeout.toNanos()) {
                    kill(process);
                    return new ForkOutcome(
                            ForkOutcome.Kind.TOTAL_TIMEOUT,
                            -1,
                            where(progressFile),
                            "the run did not finish " + "within the total timeout of " + totalTimeout.toSeconds()
                                    + " s; the fork was killed");
                }
            }
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
        return classify(process.exitValue(), progressFile, resultFile, workDir, stdout, stderr);
    }

    private static ForkOutcome classify(
            int code, Path progressFile, Path resultFile, Path workDir, Path stdout, Path stderr) throws IOException {
        String where = where(progressFile);
        // The JVM prints some fatal conditions (ExitOnOutOfMemoryError) on stdout, others on stderr.
        String err = read(stdout) + read(stderr);
        Optional<Path> hsErr;
        try (Stream<Path> files = Files.list(workDir)) {
            hsErr = files.filter(p -> p.getFileName().toString().startsWith("hs_err"))
                    .findFirst();
        }
        if (code == 0 && Files.exists(resultFile)) {
            return new ForkOutcome(ForkOutcome.Kind.COMPLETED, 0, "", "");
        }
        if (hsErr.isPresent() || err.contains("A fatal error has been detected by the Java Runtime Environment")) {
            String detail =
                    hsErr.map(p -> "crash log: " + p + "\n" + crashSummary(p)).orElse(tail(err, 15));
            return new ForkOutcome(ForkOutcome.Kind.NATIVE_CRASH, code, where, detail);
        }
        if (err.contains("java.lang.OutOfMemoryError")) {
            return new ForkOutcome(ForkOutcome.Kind.OUT_OF_MEMORY, code, where, tail(err, 10));
        }
        if (code == CertifyMain.SETUP_FAILED) {
            return new ForkOutcome(ForkOutcome.Kind.SETUP_FAILED, code, "", tail(err, 10));
        }
        return new ForkOutcome(ForkOutcome.Kind.EARLY_EXIT, code, where, tail(err, 12));
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
    }

    private static String where(Path progressFile) {
        return Progress.read(progressFile).map(Progress.Snapshot::where).orElse("start-up");
    }

    /** The lines of an hs_err file that say what crashed. */
    private static String crashSummary(Path hsErr) {
        try {
            List<String> lines = Files.readAllLines(hsErr, StandardCharsets.ISO_8859_1);
            List<String> keep = new ArrayList<>();
            boolean javaFrames = false;
            for (String line : lines) {
                if (line.matches("#\\s+(SIG[A-Z]+|EXCEPTION_\\w+).*")
                        || line.startsWith("# Problematic frame")
                        || line.startsWith("# C ")
                        || line.startsWith("# J ")
                        || line.startsWith("# V ")) {
                    keep.add(line);
                }
                if (line.startsWith("Java frames:")) {
                    javaFrames = true;
                    keep.add(line);
                    continue;
                }
                if (javaFrames) {
                    if (line.isBlank() || keep.size() > 16) {
                        javaFrames = false;
                    } else {
                        keep.add(line);
                    }
                }
            }
            return String.join("\n", keep);
        } catch (IOException e) {
            return "(cannot read " + hsErr + ": " + e + ")";
        }
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static void kill(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
