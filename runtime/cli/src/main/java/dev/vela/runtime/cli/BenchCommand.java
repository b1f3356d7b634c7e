package dev.vela.runtime.cli;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.bench.HeapPeak;
import dev.vela.runtime.bench.LatencyStats;
import dev.vela.runtime.bench.OpProfile;
import dev.vela.runtime.bench.PartitionTimes;
import dev.vela.runtime.bench.ProgressBar;
import dev.vela.runtime.bench.compare.EngineInput;
import dev.vela.runtime.bench.compare.OutputDiff;
import dev.vela.runtime.bench.compare.PeerKernels;
import dev.vela.runtime.bench.compare.ReferenceEngine;
import dev.vela.runtime.bench.compare.ReferenceEngines;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.memory.ArenaFigures;
import dev.vela.runtime.plugin.PluginSet;
import dev.vela.spi.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vela bench --model M [--input NAME=FILE.npy]... [--warmup N] [--runs N] [--threads N] [--json R.json]
 * [--compare]}: latency percentiles, the per-operator table, arena and peak heap; with {@code --compare} the same
 * model and inputs on ONNX Runtime or TensorFlow Lite, in this process.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure a model: latency percentiles, per-operator time, arena, peak heap;"
                + " --compare runs it on ONNX Runtime / TensorFlow Lite too.")
final class BenchCommand implements Callable<Integer> {

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
            description = "an input tensor; inputs not given are seeded random values of the declared type")
    private Map<String, Path> inputs = new LinkedHashMap<>();

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "seed of the random inputs")
    private long seed;

    @Option(
            names = "--warmup",
            defaultValue = "5",
            paramLabel = "N",
            description = "untimed runs first (default 5; even with 0 one run precedes timing: it plans the arena"
                    + " and gives the outputs --compare checks)")
    private int warmup;

    @Option(
            names = "--warmup-seconds",
            defaultValue = "0",
            paramLabel = "S",
            description = "keep warming up (both engines alike, run by run) until S seconds have passed as well as"
                    + " --warmup runs, like JMH's timed warm-up: Vela's Java reaches its JIT-compiled steady state"
                    + " after a number of runs, which a model of a few microseconds gets through only in tens of"
                    + " thousands (default 0: runs only)")
    private double warmupSeconds;

    /** An hour: a bound that catches a typo (milliseconds for seconds) before it looks like a hang. */
    private static final int MAX_WARMUP_SECONDS = 3600;

    @Option(
            names = "--reset",
            description = "reset kernel state (LSTM, custom operators) before every run, so each run"
                    + " computes what a fresh session's first run would; by default state carries from run to run")
    private boolean reset;

    @Option(names = "--runs", defaultValue = "50", paramLabel = "N", description = "timed runs (default 50)")
    private int runs;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "1",
            description = "threads a kernel may use (both engines with --compare; default 1)")
    private int threads;

    @Option(names = "--json", paramLabel = "R.json", description = "also write the report as JSON")
    private Path json;

    @Option(
            names = "--compare",
            description = "run the same model and inputs on the engine users run: ONNX Runtime"
                    + " with its defaults (.onnx) or TensorFlow Lite with its default XNNPACK delegate (.tflite), interleaved"
                    + " run by run with Vela's, and compare latency and outputs")
    private boolean compare;

    @Option(
            names = "--peer-kernels",
            paramLabel = "default|builtin",
            defaultValue = "default",
            converter = PeerKernelsConverter.class,
            description = "with --compare: the peer's defaults (default), or TFLite's builtin kernels without"
                    + " XNNPACK (builtin; slower than what applications get, for kernel-by-kernel comparisons)")
    private PeerKernels peerKernels;

    @Mixin
    private ProviderOptions providers;

    @Option(
            names = "--accuracy",
            paramLabel = "DIR|LABELS.txt|SET.npz",
            description = "instead of the random-input run: top-1/top-5 over a labelled set (a directory with "
                    + "labels.txt, a labels file 'FILE LABEL' per line, or an .npz of samples and labels) and the mean "
                    + "time per sample; --model may be a speech pipeline (.vela pipeline package or .properties) for "
                    + ".wav samples")
    private Path accuracy;

    @Option(
            names = "--classes",
            split = ",",
            paramLabel = "NAME",
            description = "with --accuracy: class names in score order, so labels may be given by name (a speech "
                    + "pipeline's own labels by default)")
    private List<String> classNames = new ArrayList<>();

    @Option(
            names = "--agree-with",
            paramLabel = "MODEL|reference",
            description = "with --accuracy: also run another model (e.g. the float model of an int8 one) or "
                    + "'reference' (the same model on the reference kernels only) and report the agreement")
    private String agreeWith;

    @Option(
            names = "--pixels",
            paramLabel = "unit|raw",
            defaultValue = "unit",
            description = "with --accuracy: image pixels as real values in [0, 1] (unit, default) or [0, 255] (raw)")
    private String pixels;

    @Override
    public Integer call() throws Exception {
        if (!(warmupSeconds >= 0 && warmupSeconds <= MAX_WARMUP_SECONDS)) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--warmup-seconds must be between 0 and " + MAX_WARMUP_SECONDS);
        }
        if (runs < 1 || warmup < 0 || threads < 1) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--runs and --threads must be at least 1, --warmup at least 0");
        }
        if (peerKernels != PeerKernels.DEFAULT && !compare) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--peer-kernels needs --compare");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (accuracy != null) {
            return accuracy(out, err);
        }
        if (compare) {
            ReferenceEngines.requireAvailable(model); // say so before minutes of measuring, not after
        }
        PluginSet set = providers.load();
        ProviderOptions.warn(set, err);
        Model m = providers.loadModel(model, set);
        Map<String, Tensor> feed = RandomInputs.of(m, inputs, seed);

        BenchReport report;
        try (Session session = m.newSession().withThreads(threads);
                ReferenceEngine engine = compare ? openEngine(m, feed) : null) {
            report = measure(session, engine, feed, err);
        }
        report.print(out);
        out.flush();
        if (json != null) {
            report.writeJson(json);
            out.println("wrote " + json);
            out.flush();
        }
        return 0;
    }

    private int accuracy(PrintWriter out, PrintWriter err) throws IOException {
        if (compare) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--accuracy and --compare are separate" + " runs: give one");
        }
        dev.vela.runtime.bench.accuracy.InputDecoder.Pixels scale = switch (pixels) {
            case "unit" -> dev.vela.runtime.bench.accuracy.InputDecoder.Pixels.UNIT;
            case "raw" -> dev.vela.runtime.bench.accuracy.InputDecoder.Pixels.RAW;
            default ->
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "--pixels takes unit or raw, got " + pixels);
        };
        PluginSet set = providers.load();
        ProviderOptions.warn(set, err);
        AccuracyBench bench = new AccuracyBench(model, accuracy, classNames, agreeWith, scale);
        var result = bench.run(providers.partitioner(set), file -> providers.loadModel(file, set), err);
        bench.print(result, out);
        if (json != null) {
            bench.writeJson(result, json);
            out.println("wrote " + json);
            out.flush();
        }
        return 0;
    }

    private void runOnce(Session session, Map<String, Tensor> feed) {
        if (reset) {
            session.reset();
        }
        session.run(feed);
    }

    private ReferenceEngine openEngine(Model m, Map<String, Tensor> feed) {
        List<EngineInput> engineInputs = new ArrayList<>();
        for (ValueSpec in : m.inputs()) {
            Tensor t = feed.get(in.name());
            engineInputs.add(new EngineInput(in.name(), t.dataType(), t.shape().toLongArray(), t.toByteArray()));
        }
        List<String> outputNames = m.outputs().stream().map(ValueSpec::name).toList();
        return ReferenceEngines.open(model, threads, engineInputs, outputNames, peerKernels);
    }

    /**
     * Warms both engines, then times them interleaved run by run (alternating which goes first), so that frequency
     * scaling, other processes and cache state weigh on both alike; Vela's per-operator table comes from as many
     * profiled runs afterwards (latency is timed without profiling: its clock reads per node would be part of the
     * figure on small models).
     */
    private BenchReport measure(Session session, ReferenceEngine engine, Map<String, Tensor> feed, PrintWriter err) {
        HeapPeak.reset();
        long warmStart = System.nanoTime();
        Map<String, Tensor> outputs = session.run(feed); // also plans the arena
        List<byte[]> engineOutputs = engine == null ? List.of() : engine.run();
        long warmupNanos = (long) (warmupSeconds * 1e9);
        long warmed = 1;
        while (warmed < warmup || System.nanoTime() - warmStart < warmupNanos) {
            runOnce(session, feed);
            if (engine != null) {
                engine.run();
            }
            warmed++;
        }
        long perRun = (System.nanoTime() - warmStart) / warmed;
        long[] velaNanos = new long[runs];
        long[] engineNanos = new long[engine == null ? 0 : runs];
        ProgressBar bar = new ProgressBar(err, "vela bench", 2 * runs, ProgressBar.wanted(2 * perRun * runs));
        for (int i = 0; i < runs; i++) {
            boolean velaFirst = i % 2 == 0;
            if (engine != null && !velaFirst) {
                engineNanos[i] = timeEngine(engine);
            }
            long start = System.nanoTime();
            runOnce(session, feed);
            velaNanos[i] = System.nanoTime() - start;
            if (engine != null && velaFirst) {
                engineNanos[i] = timeEngine(engine);
            }
            bar.update(i + 1);
        }
        session.withProfiling(true);
        OpProfile profile = new OpProfile();
        for (int i = 0; i < runs; i++) {
            runOnce(session, feed);
            profile.add(session.lastProfile());
            bar.update(runs + i + 1);
        }
        bar.finish();
        ArenaFigures arena = session.arena().orElse(new ArenaFigures(0, 0, 0, 0));
        List<Tensor> velaOutputs = new ArrayList<>(outputs.values());
        List<OpProfile.Row> ops = profile.rows();
        BenchReport.VelaSide vela = new BenchReport.VelaSide(
                LatencyStats.of(velaNanos),
                ops,
                arena,
                HeapPeak.bytes(),
                velaOutputs,
                PartitionTimes.of(session.model().delegation(), ops, session.nodeTypes()));
        Optional<BenchReport.CompareSide> other = engine == null
                ? Optional.empty()
                : Optional.of(new BenchReport.CompareSide(
                        engine.name(),
                        engine.placement(),
                        LatencyStats.of(engineNanos),
                        OutputDiff.of(velaOutputs, engineOutputs)));
        return new BenchReport(model.toString(), threads, runs, warmed, vela, other);
    }

    private static long timeEngine(ReferenceEngine engine) {
        long start = System.nanoTime();
        engine.run();
        return System.nanoTime() - start;
    }

    /** Parses {@code --peer-kernels}. */
    static final class PeerKernelsConverter implements picocli.CommandLine.ITypeConverter<PeerKernels> {
        @Override
        public PeerKernels convert(String value) {
            return PeerKernels.parse(value);
        }
    }
}
