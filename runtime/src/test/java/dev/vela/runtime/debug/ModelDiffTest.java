package dev.vela.runtime.debug;

import static dev.vela.runtime.testing.Onnx.FLOAT;
import static dev.vela.runtime.testing.Onnx.model;
import static dev.vela.runtime.testing.Onnx.node;
import static dev.vela.runtime.testing.Onnx.valueInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.runtime.Model;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.runtime.testing.Proto;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Shape;
import dev.vela.spi.Support;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code vela diff}'s core: a planted one-element bug in one kernel is named at its node, not before or after. */
public class ModelDiffTest {

    /** x -> Relu r1 -> a; a + a -> Add add1 -> b; b -> Relu r2 -> y. */
    public static byte[] chainModel() {
        Proto graph = Proto.message()
                .msg(1, node("r1", "Relu", new String[] {"x"}, new String[] {"a"}))
                .msg(1, node("add1", "Add", new String[] {"a", "a"}, new String[] {"b"}))
                .msg(1, node("r2", "Relu", new String[] {"b"}, new String[] {"y"}))
                .msg(11, valueInfo("x", FLOAT, 2, 3))
                .msg(12, valueInfo("y", FLOAT, 2, 3));
        return model(graph);
    }

    public static Map<String, Tensor> input() {
        return Map.of("x", Tensor.ofFloats(Shape.of(2, 3), 1, -2, 3, 4, 5, -6));
    }

    /** The reference's kernels, with Add replaced by one whose output element 4 is off by {@code error}. */
    static KernelRegistry plantedAdd(float error) {
        return planted("Add", error);
    }

    /** The reference's kernels, with {@code op} replaced by one whose output element 4 is off by {@code error}. */
    public static KernelRegistry planted(String op, float error) {
        List<KernelFactory> factories = new ArrayList<>();
        for (KernelFactory f : KernelRegistry.reference().factories()) {
            factories.add(f.op().equals(OpId.of(op)) ? new OffByOne(f, error) : f);
        }
        return KernelRegistry.of("planted", factories);
    }

    @Test
    void aOneLsbBugInAnInt8FullyConnectedIsNamedAtTheFirstSuchNode() {
        String root = System.getProperty("vela.data", "");
        Path file = Path.of(root, "tflite/mlcommons-tiny/anomaly_detection__ad01_int8.tflite");
        assumeTrue(!root.isEmpty() && Files.isRegularFile(file), "external data absent (-Dvela.data): skipped");
        Model subject = Model.load(file, Partitioner.of(planted("Gemm", 1)));
        Model baseline = Model.load(file);
        Map<String, Tensor> feed = new java.util.LinkedHashMap<>();
        for (ValueSpec in : baseline.inputs()) {
            Tensor t = Tensor.allocate(TensorType.quantized(
                    in.dataType(), Shape.of(in.dims()), in.quantization().orElseThrow()));
            for (int i = 0; i < t.elementCount(); i++) {
                t.setLong(i, (i * 37L) % 200 - 100);
            }
            feed.put(in.name(), t);
        }
        List<ValueDiff> diffs = ModelDiff.run(subject, baseline, feed, 1, DiffTolerance.POLICY);
        ValueDiff first = DivergenceCheck.firstDivergence(diffs).orElseThrow();
        String firstGemm = diffs.stream()
                .filter(d -> d.subject().op().equals("Gemm"))
                .findFirst()
                .orElseThrow()
                .subject()
                .node();
        assertThat(first.subject().node()).isEqualTo(firstGemm);
        assertThat(first.maxAbsDiff()).isEqualTo(1);
        assertThat(first.worstIndex()).isEqualTo(4);
        assertThat(diffs.subList(0, diffs.indexOf(first))).allMatch(ValueDiff::agrees);
    }

    @Test
    void plantedBugIsNamedAtItsNode() {
        Model subject = Model.fromBytes("chain.onnx", chainModel(), Partitioner.of(plantedAdd(0.5f)));
        Model baseline = Model.fromBytes("chain.onnx", chainModel(), Partitioner.of(KernelRegistry.reference()));
        List<ValueDiff> diffs = ModelDiff.run(subject, baseline, input(), 1, DiffTolerance.POLICY);

        assertThat(diffs).extracting(d -> d.subject().value()).containsExactly("a", "b", "y");
        assertThat(diffs.get(0).agrees()).isTrue();
        Optional<ValueDiff> first = DivergenceCheck.firstDivergence(diffs);
        assertThat(first).isPresent();
        assertThat(first.get().subject().node()).isEqualTo("add1");
        assertThat(first.get().subject().provider()).isEqualTo("planted");
        assertThat(first.get().mismatches()).isEqualTo(1);
        assertThat(first.get().worstIndex()).isEqualTo(4);
        assertThat(first.get().maxAbsDiff()).isEqualTo(0.5);
        assertThat(diffs.get(2).agrees()).as("the error propagates through r2").isFalse();
    }

    @Test
    void aDifferenceWithinThePolicyIsNoDivergence() {
        Model subject = Model.fromBytes("chain.onnx", chainModel(), Partitioner.of(plantedAdd(1e-6f)));
        Model baseline = Model.fromBytes("chain.onnx", chainModel(), Partitioner.of(KernelRegistry.reference()));
        List<ValueDiff> diffs = ModelDiff.run(subject, baseline, input(), 1, DiffTolerance.POLICY);
        assertThat(DivergenceCheck.firstDivergence(diffs)).isEmpty();
        assertThat(diffs.get(1).maxAbsDiff()).isGreaterThan(0);
        List<ValueDiff> strict = ModelDiff.run(subject, baseline, input(), 1, new DiffTolerance(0, 0, 0));
        assertThat(DivergenceCheck.firstDivergence(strict))
                .get()
                .extracting(d -> d.subject().node())
                .isEqualTo("add1");
    }

    @Test
    void recordingHoldsCopiesNotSessionMemory() {
        Model m = Model.fromBytes("chain.onnx", chainModel(), Partitioner.of(KernelRegistry.reference()));
        ValueRecording r = ModelDiff.record(m, input(), 1);
        assertThat(r.values()).extracting(ValueRecording.Value::node).containsExactly("r1", "add1", "r2");
        assertThat(r.value("a").orElseThrow().tensor().toFloatArray()).containsExactly(1, 0, 3, 4, 5, 0);
        assertThat(r.value("b").orElseThrow().tensor().toFloatArray()).containsExactly(2, 0, 6, 8, 10, 0);
        assertThat(r.value("y").orElseThrow().tensor().isReadOnly()).isFalse();
    }

    /** Delegates to a correct factory, then spoils one output element. */
    private record OffByOne(KernelFactory delegate, float error) implements KernelFactory {
        @Override
        public OpId op() {
            return delegate.op();
        }

        @Override
        public Set<KernelClaim> claims() {
            return delegate.claims();
        }

        @Override
        public Support supports(Node node) {
            return delegate.supports(node);
        }

        @Override
        public Kernel prepare(Node node) {
            Kernel k = delegate.prepare(node);
            return new Kernel() {
                @Override
                public List<TensorType> outputTypes() {
                    return k.outputTypes();
                }

                @Override
                public int scratchBytes() {
                    return k.scratchBytes();
                }

                @Override
                public void invoke(Invocation invocation) {
                    k.invoke(invocation);
                    Tensor out = invocation.output(0);
                    if (out.dataType().isFloatingPoint()) {
                        out.setDouble(4, out.getDouble(4) + error);
                    } else { // one step, away from the saturated end
                        long v = out.getLong(4);
                        out.setLong(4, v >= 100 ? v - (long) error : v + (long) error);
                    }
                }
            };
        }
    }
}
