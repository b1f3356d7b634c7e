package dev.vela.runtime.cli;

import dev.vela.runtime.Model;
import dev.vela.runtime.ValueObserver;
import dev.vela.runtime.bench.compare.EngineInput;
import dev.vela.runtime.bench.compare.OnnxGraphOutputs;
import dev.vela.runtime.bench.compare.PeerKernels;
import dev.vela.runtime.bench.compare.ReferenceEngine;
import dev.vela.runtime.bench.compare.ReferenceEngines;
import dev.vela.runtime.debug.DiffTolerance;
import dev.vela.runtime.debug.DivergenceCheck;
import dev.vela.runtime.debug.ModelDiff;
import dev.vela.runtime.debug.ValueDiff;
import dev.vela.runtime.debug.ValueRecording;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.tflite.TfliteImporter;
import dev.vela.spi.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code vela diff --peer}: the model on Vela (the admitted providers) and on the peer engine with the same inputs,
 * value by value: every intermediate value Vela wrote is compared with the peer's value of the same name, and the
 * first node whose output leaves the tolerance is named, as for two Vela runs. The peers keep their intermediates as
 * follows: TensorFlow Lite's builtin kernels without XNNPACK (its numerics oracle) with {@code
 * SetPreserveAllTensors}, matched to Vela's values through the importer's tensor names; ONNX Runtime's defaults with
 * every node output of the main graph declared as a graph output ({@link OnnxGraphOutputs}). A value Vela's passes
 * made (fused or inserted nodes) or one whose type or size differs from the peer's (QDQ fused into int8) has no peer
 * counterpart and is listed, not judged. Exit code 0 when every compared value is within the tolerance.
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
        ValueRecording mine = ModelDiff.record(vela, feed, threads);
        List<EngineInput> engineInputs = new ArrayList<>();
        for (ValueSpec in : vela.inputs()) {
            Tensor t = feed.get(in.name());
            engineInputs.add(new EngineInput(in.name(), t.dataType(), t.shape().toLongArray(), t.toByteArray()));
        }
        boolean tflite = model.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tflite");
        PeerValues peer = tflite ? tfliteValues(vela, engineInputs) : onnxValues(vela, mine, engineInputs);
        ValueRecording theirs = new ValueRecording();
        int matched = 0;
        for (ValueRecording.Value s : mine.values()) {
            byte[] bytes = peer.values().get(s.value());
            Tensor t = Tensor.allocate(s.tensor().type());
            ByteBuffer target = t.bytes();
            if (bytes == null || target.remaining() != bytes.length) {
                continue; // no counterpart of that name, or another type or size: listed, not judged
            }
            target.put(bytes);
            theirs.written(new ValueObserver.Written(s.node(), s.op(), peer.name(), s.value(), t));
            matched++;
        }
        List<ValueDiff> diffs = DivergenceCheck.compare(mine, theirs, tolerance);
        DiffTable.print(
                out,
                List.of(
                        "model     " + model,
                        "subject   Vela on the admitted providers; baseline: " + peer.name() + " (" + matched + " of "
                                + mine.values().size() + " values have a peer counterpart)"),
                tolerance,
                diffs,
                "no peer counterpart");
        out.flush();
        return DivergenceCheck.firstDivergence(diffs).isPresent() ? 1 : 0;
    }

    /** What the peer computed, by Vela value name. */
    private record PeerValues(String name, Map<String, byte[]> values) {}

    private PeerValues tfliteValues(Model vela, List<EngineInput> engineInputs) throws IOException {
        List<String> tensorValues = TfliteImporter.importBytes(model.toString(), Files.readAllBytes(model))
                .tensorValues();
        Map<String, byte[]> values = new HashMap<>();
        String name;
        try (ReferenceEngine engine = ReferenceEngines.openKeepingTensors(
                model, threads, engineInputs, vela.outputs().size())) {
            engine.run();
            name = engine.name();
            engine.keptTensors().forEach((index, bytes) -> {
                if (index < tensorValues.size()) {
                    values.put(tensorValues.get(index), bytes);
                }
            });
        }
        return new PeerValues(name, values);
    }

    private PeerValues onnxValues(Model vela, ValueRecording mine, List<EngineInput> engineInputs) throws IOException {
        byte[] bytes = Files.readAllBytes(model);
        List<String> declared = OnnxGraphOutputs.graphOutputs(bytes);
        Set<String> produced = new LinkedHashSet<>(OnnxGraphOutputs.nodeOutputs(bytes));
        List<String> extra = new ArrayList<>();
        for (ValueRecording.Value v : mine.values()) {
            if (produced.contains(v.value()) && !declared.contains(v.value())) {
                extra.add(v.value());
            }
        }
        List<String> outputs = new ArrayList<>(declared);
        outputs.addAll(extra);
        Path rewritten = Files.createTempFile("vela-peer-", ".onnx");
        Map<String, byte[]> values = new HashMap<>();
        String name;
        try {
            Files.write(rewritten, OnnxGraphOutputs.withOutputs(bytes, extra));
            try (ReferenceEngine engine =
                    ReferenceEngines.open(rewritten, threads, engineInputs, outputs, PeerKernels.DEFAULT)) {
                List<byte[]> results = engine.run();
                name = engine.name();
                for (int i = 0; i < outputs.size(); i++) {
                    values.put(outputs.get(i), results.get(i));
                }
            }
        } finally {
            Files.deleteIfExists(rewritten);
        }
        return new PeerValues(name, values);
    }
}
