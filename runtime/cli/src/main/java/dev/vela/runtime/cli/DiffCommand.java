package dev.vela.runtime.cli;

import dev.vela.runtime.Model;
import dev.vela.runtime.debug.DiffTolerance;
import dev.vela.runtime.debug.DivergenceCheck;
import dev.vela.runtime.debug.ModelDiff;
import dev.vela.runtime.debug.ValueDiff;
import dev.vela.runtime.plugin.PluginSet;
import dev.vela.spi.Tensor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vela diff --model M [--input NAME=FILE]... [--plugins DIR --trust K]}: runs the model twice on the same
 * inputs — on the given providers (the subject) and on the reference kernels alone (the baseline) — records every
 * intermediate value of both runs (each with its integer numerics flavour: {@code --numerics} for the subject,
 * {@code --baseline-numerics} for the baseline, so two flavours can be compared), and prints a per-node error table and the first node whose outputs leave the
 * tolerance policy. With {@code --peer} the baseline is the peer engine's own intermediate values ({@link PeerDiff}).
 * Exit code 0 when the runs agree, 1 when they part (as {@code diff} does).
 */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = "Run a model on the given providers and on the reference kernels alone, with the same inputs,"
                + " and name the first node whose outputs leave the tolerance policy (exit 1 when one does).")
final class DiffCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "MODEL",
            description = "the model file (.onnx, .tflite, .vela)")
    private Path model;

    @Option(
            names = "--input",
            paramLabel = "NAME=FILE",
            description = "an input tensor (.npy or ONNX TensorProto .pb); inputs not given are seeded random values")
    private Map<String, Path> inputs = new LinkedHashMap<>();

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "seed of the random inputs")
    private long seed;

    @Option(names = "--atol", paramLabel = "X", description = "absolute float tolerance (default: the policy's 1e-5)")
    private Double atol;

    @Option(names = "--rtol", paramLabel = "X", description = "relative float tolerance (default: the policy's 1e-4)")
    private Double rtol;

    @Option(
            names = "--integer-steps",
            paramLabel = "N",
            description = "integer steps an element may differ by (default 0: bit-exact)")
    private Long integerSteps;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "threads a kernel may use")
    private int threads;

    @Option(
            names = "--baseline-numerics",
            paramLabel = "FLAVOUR",
            description =
                    "integer numerics of the baseline "
                            + "run: tflm or tflite (default: the subject's, see --numerics); with --numerics, compares two flavours")
    private String baselineNumerics;

    @Mixin
    private ProviderOptions providers;

    @Option(
            names = "--peer",
            description = "compare with the peer engine on the class path instead of the reference"
                    + " kernels, value by value: TensorFlow Lite's builtin kernels (the numerics oracle, no XNNPACK)"
                    + " keeping all tensors for .tflite, ONNX Runtime with every node output exposed for .onnx")
    private boolean peer;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DiffTolerance policy = DiffTolerance.POLICY;
        DiffTolerance tolerance = new DiffTolerance(
                atol == null ? policy.atol() : atol,
                rtol == null ? policy.rtol() : rtol,
                integerSteps == null ? policy.integerSteps() : integerSteps);
        PluginSet set = providers.load();
        ProviderOptions.warn(set, spec.commandLine().getErr());
        if (peer) {
            return new PeerDiff(model, inputs, seed, threads).run(providers.loadModel(model, set), tolerance, out);
        }
        Model subjectModel = providers.loadModel(model, set);
        Model baselineModel = Model.load(model)
                .withNumerics(
                        baselineNumerics == null ? subjectModel.numerics() : ProviderOptions.flavour(baselineNumerics));
        Map<String, Tensor> feed = RandomInputs.of(subjectModel, inputs, seed);

        List<ValueDiff> diffs = ModelDiff.run(subjectModel, baselineModel, feed, threads, tolerance);
        print(out, tolerance, diffs, subjectModel, baselineModel);
        out.flush();
        return DivergenceCheck.firstDivergence(diffs).isPresent() ? 1 : 0;
    }

    private void print(PrintWriter out, DiffTolerance t, List<ValueDiff> diffs, Model subject, Model baseline) {
        DiffTable.print(
                out,
                List.of(
                        "model     " + model,
                        "subject   the admitted providers (reference for the rest); baseline: reference kernels only",
                        "numerics  subject " + subject.numerics().label() + ", baseline "
                                + baseline.numerics().label()),
                t,
                diffs,
                "not in baseline (rewritten graph)");
    }
}
