package dev.vela.runtime.cli;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.debug.SafeFileNames;
import dev.vela.runtime.debug.TensorDump;
import dev.vela.runtime.debug.ValueRecording;
import dev.vela.runtime.io.Npy;
import dev.vela.runtime.plugin.PluginSet;
import dev.vela.spi.Tensor;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * {@code vela run --model M --input NAME=FILE.npy ... --output-dir D [--sequence [--reset]] [--plugins DIR --trust K]}:
 * runs a model once on .npy inputs, or once per step of a stream ({@link SequenceRun}), with the admitted providers.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run a model on .npy (or ONNX TensorProto .pb) inputs and write each output to "
                + "<output-dir>/<output>.npy.")
final class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "MODEL",
            description = "the model file (.onnx, .tflite or a converted .vela package)")
    private Path model;

    @Option(
            names = "--input",
            paramLabel = "NAME=FILE.npy",
            description = "an input tensor, a NumPy .npy file or an ONNX TensorProto .pb file (as the ONNX test sets"
                    + " ship them); repeat for each input")
    private Map<String, Path> inputs = new LinkedHashMap<>();

    @Option(names = "--output-dir", required = true, paramLabel = "DIR", description = "where outputs are written")
    private Path outputDir;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "threads a kernel may use")
    private int threads;

    @Option(
            names = "--output",
            paramLabel = "NAME",
            description = "write only this model output, computing only what it"
                    + " needs; repeat for several (default: every output)")
    private List<String> selectedOutputs = new ArrayList<>();

    @Option(
            names = "--dump",
            paramLabel = "DIR",
            description =
                    "also write the inputs and every intermediate tensor"
                            + " to DIR as .npy files, listed in DIR/index.tsv in execution order (node, operator, provider, type)")
    private Path dump;

    @Option(
            names = "--sequence",
            description = "run a stream in one session: every input has a leading step axis,"
                    + " the model runs once per step with kernel state (LSTM, custom operators) kept from step to step, and"
                    + " each output is written stacked along the same axis")
    private boolean sequence;

    @Option(
            names = "--reset",
            description = "with --sequence, reset kernel state before every step instead of keeping"
                    + " it (each step then runs as the first would)")
    private boolean reset;

    @Option(
            names = "--max-fallback",
            paramLabel = "SHARE",
            defaultValue = "1",
            description = "fail the run when more than this share (0 to 1) of the model's nodes falls back to the"
                    + " reference kernels instead of a plugin's kernels or delegate, naming those nodes (default 1:"
                    + " no limit)")
    private double maxFallback;

    @Option(
            names = "--max-fallback-macs",
            paramLabel = "SHARE",
            defaultValue = "1",
            description = "fail the run when more than this share (0 to 1) of the model's multiply-accumulates (Conv,"
                    + " ConvTranspose, MatMul, Gemm) falls back to the reference kernels, naming those nodes with their"
                    + " MACs (default 1: no limit)")
    private double maxFallbackMacs;

    @Mixin
    private ProviderOptions providers;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PluginSet set = providers.load();
        ProviderOptions.warn(set, spec.commandLine().getErr());
        Model m = providers.loadModel(model, set);
        Map<String, Tensor> feed = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : inputs.entrySet()) {
            feed.put(e.getKey(), readInput(e.getValue()));
        }
        Map<String, Tensor> results;
        if (sequence && (dump != null || !selectedOutputs.isEmpty())) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "--dump and --output apply to one run; with --sequence every step is a run: leave them out");
        }
        ValueRecording recording = dump == null ? null : new ValueRecording();
        try (Session session = m.newSession()
                .withThreads(threads)
                .withValueObserver(recording)
                .withMaxFallbackShare(maxFallback)
                .withMaxFallbackMacShare(maxFallbackMacs)) {
            results = sequence
                    ? SequenceRun.run(session, feed, reset)
                    : selectedOutputs.isEmpty() ? session.run(feed) : session.run(feed, selectedOutputs);
        }
        if (recording != null) {
            int written = TensorDump.write(dump, feed, recording);
            out.println("dumped " + written + " tensors -> " + dump.resolve("index.tsv"));
        }
        Files.createDirectories(outputDir);
        SafeFileNames names = new SafeFileNames();
        for (Map.Entry<String, Tensor> e : results.entrySet()) {
            Path file = outputDir.resolve(names.next(e.getKey()) + ".npy");
            Npy.write(file, e.getValue());
            out.println(e.getKey() + " " + e.getValue().type() + " -> " + file);
        }
        out.flush();
        return 0;
    }

    /** A {@code .pb} file is a serialized ONNX TensorProto; anything else must be a NumPy {@code .npy} file. */
    private static Tensor readInput(Path file) throws java.io.IOException {
        if (file.getFileName().toString().endsWith(".pb")) {
            return dev.vela.runtime.onnx.OnnxTensorDecoder.readFile(file).tensor();
        }
        return Npy.read(file);
    }
}
