package dev.vela.runtime.cli;

import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.runtime.suite.CaseIndex;
import dev.vela.runtime.suite.CaseResult;
import dev.vela.runtime.suite.CaseRunner;
import dev.vela.runtime.suite.CaseStatus;
import dev.vela.runtime.suite.SuiteReport;
import dev.vela.runtime.suite.SuiteRunner;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vela onnx-suite DIR --report R.json}: runs the ONNX backend node suite against the reference kernels. */
@Command(
        name = "onnx-suite",
        mixinStandardHelpOptions = true,
        description = "Run every ONNX backend test case under DIR and report passed/failed/unsupported/error.")
public final class OnnxSuiteCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "DIR",
            description = "folder of case directories (model.onnx + test_data_set_0)")
    private Path root;

    @Option(names = "--report", required = true, paramLabel = "R.json", description = "where to write the JSON report")
    private Path report;

    @Option(names = "--filter", paramLabel = "REGEX", description = "run only cases whose name contains a match")
    private Pattern filter;

    @Option(
            names = "--markdown",
            paramLabel = "COVERAGE.md",
            description = "also write the per-op coverage table (suite figures and the reference's data types)")
    private Path markdown;

    @Option(
            names = "--index",
            paramLabel = "node-index.csv",
            description = "op type per case (default: node-index.csv in DIR or its parent, when present)")
    private Path indexFile;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", description = "time limit per case")
    private double timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(root)) {
            err.println("onnx-suite: " + root + " is not a directory");
            return 2;
        }
        CaseIndex index = loadIndex();
        CaseRunner caseRunner = new CaseRunner(KernelRegistry.reference(), index, CaseRunner.RTOL, CaseRunner.ATOL);
        List<Path> cases = SuiteRunner.caseDirectories(root, filter);
        SuiteRunner runner = new SuiteRunner(caseRunner, (long) (timeoutSeconds * 1000));
        List<CaseResult> results = runner.run(cases, r -> {
            if (r.status() != CaseStatus.PASSED) {
                out.println(r.status().label().toUpperCase(java.util.Locale.ROOT) + " " + r.name() + " [" + r.op()
                        + "]: " + r.detail());
                out.flush();
            }
        });
        SuiteReport suiteReport = new SuiteReport(results);
        writeFile(report, suiteReport.toJson());
        if (markdown != null) {
            writeFile(markdown, suiteReport.toMarkdown(KernelRegistry.reference()));
        }
        out.println(suiteReport.summary());
        out.flush();
        return 0;
    }

    private CaseIndex loadIndex() throws java.io.IOException {
        if (indexFile != null) {
            return CaseIndex.read(indexFile);
        }
        for (Path candidate : new Path[] {
            root.resolve("node-index.csv"),
            root.toAbsolutePath().getParent() == null
                    ? null
                    : root.toAbsolutePath().getParent().resolve("node-index.csv")
        }) {
            if (candidate != null && Files.isRegularFile(candidate)) {
                return CaseIndex.read(candidate);
            }
        }
        return CaseIndex.empty();
    }

    private static void writeFile(Path file, String text) throws java.io.IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
