package dev.vela.runtime.cli;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.bench.compare.EngineInput;
import dev.vela.runtime.bench.compare.PeerKernels;
import dev.vela.runtime.bench.compare.ReferenceEngine;
import dev.vela.runtime.bench.compare.ReferenceEngines;
import dev.vela.runtime.debug.DiffTolerance;
import dev.vela.runtime.debug.PeerComparison;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code vela diff --peer}: the model on Vela (the admitted providers) and on the peer engine with the same inputs,
 * output by output: TensorFlow Lite's builtin kernels for {@code .tflite} (its numerics oracle: XNNPACK rounds
 * differently), ONNX Runtime's defaults for {@code .onnx}. Exit code 0 when every output is within the tolerance.
 */
final class PeerDiff {
    private final Path model;
    private final Map<String, Path> inputs;
    private final long seed;
    private final int threads;

    PeerDiff(Path model, Map<String, Path> inputs, long seed, int threads) {
        this.model = model;
        this.inputs = inputs;
        this.seed = seed;
        this.threads = threads;
    }

    int run(Model vela, DiffTolerance tolerance, PrintWriter out) throws IOException {
        ReferenceEngines.requireAvailable(model);
        Map<String, Tensor> feed = RandomInputs.of(vela, inputs, seed);
        Map<String, Tensor> mine;
        try (Session session = vela.newSession().withThreads(threads)) {
            mine = session.run(feed);
        }
        List<EngineInput> engineInputs = new ArrayList<>();
        for (ValueSpec in : vela.inputs()) {
            Tensor t = feed.get(in.name());
            engineInputs.add(new EngineInput(in.name(), t.dataType(), t.shape().toLongArray(), t.toByteArray()));
        }
        boolean tflite = model.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tflite");
        List<byte[]> theirs;
        String peerName;
        try (ReferenceEngine engine = ReferenceEngines.open(
                model,
                threads,
                engineInputs,
                vela.outputs().stream().map(ValueSpec::name).toList(),
                tflite ? PeerKernels.BUILTIN : PeerKernels.DEFAULT)) {
            theirs = engine.run();
            peerName = engine.name();
        }
        List<PeerComparison> rows = PeerComparison.compare(vela.outputs(), mine, theirs, tolerance);
        out.printf(Locale.ROOT, "model     %s%n", model);
        out.printf(
                Locale.ROOT,
                "subject   Vela on the admitted providers; baseline: %s (outputs only: the peer does "
                        + "not expose intermediate values here)%n",
                peerName);
        out.printf(
                Locale.ROOT,
                "tolerance float |a-e| <= %s + %s*|e|; integers within %d step(s)%n%n",
                tolerance.atol(),
                tolerance.rtol(),
                tolerance.integerSteps());
        int width = Math.max(
                6,
                rows.stream()
                        .mapToInt(r -> Math.min(40, r.output().length()))
                        .max()
                        .orElse(6));
        String format = "%-" + width + "s  %-24s  %12s  %15s  %s%n";
        out.printf(Locale.ROOT, format, "output", "type", "max |diff|", "outside", "verdict");
        PeerComparison first = null;
        for (PeerComparison r : rows) {
            boolean isFirst = first == null && !r.agrees();
            if (isFirst) {
                first = r;
            }
            out.printf(
                    Locale.ROOT,
                    format,
                    r.output(),
                    r.vela().type(),
                    r.note().isEmpty() ? String.format(Locale.ROOT, "%.6g", r.maxAbsDiff()) : "-",
                    r.note().isEmpty() ? r.mismatches() + "/" + r.vela().elementCount() : "-",
                    r.agrees()
                            ? "ok"
                            : (isFirst ? "FIRST DIVERGENCE" : "differs")
                                    + (r.note().isEmpty() ? "" : ": " + r.note()));
        }
        out.println();
        if (first == null) {
            out.println("Vela and " + peerName + " agree: every output is within the tolerance");
            out.flush();
            return 0;
        }
        out.printf(
                Locale.ROOT,
                "first divergence: output '%s': %s%n",
                first.output(),
                first.note().isEmpty()
                        ? String.format(
                                Locale.ROOT,
                                "%d of %d elements outside the tolerance, max |diff| %.6g at flat index "
                                        + "%d (Vela %s, peer %s)",
                                first.mismatches(),
                                first.vela().elementCount(),
                                first.maxAbsDiff(),
                                first.worstIndex(),
                                element(first.vela(), first.worstIndex()),
                                first.vela().dataType().isFloatingPoint()
                                        ? Double.toString(first.peerElement())
                                        : Long.toString((long) first.peerElement()))
                        : first.note());
        out.flush();
        return 1;
    }

    private static String element(Tensor t, int index) {
        return t.dataType().isFloatingPoint() ? Double.toString(t.getDouble(index)) : Long.toString(t.getLong(index));
    }
}
