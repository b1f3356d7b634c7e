package dev.vela.runtime.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.passes.ShapeInference;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The static rewrite on a small graph: x -> Gemm -> Relu -> Sigmoid -> Exp -> y and a second output after the Relu. */
class StaticQuantizerTest {

    private static Graph floatGraph() {
        Map<String, Tensor> init = new LinkedHashMap<>();
        init.put(
                "w",
                Tensor.ofFloats(
                        Shape.of(3, 4), 0.5f, -0.25f, 1f, 0f, -1f, 0.5f, 0.25f, 0.75f, 0.1f, 0.2f, -0.3f, 0.4f));
        init.put("b", Tensor.ofFloats(Shape.of(3), 0.1f, -0.2f, 0.05f));
        List<GraphNode> nodes = List.of(
                new GraphNode(
                        "fc",
                        OpId.of("Gemm"),
                        13,
                        Attributes.builder().put("transB", 1L).build(),
                        List.of("x", "w", "b"),
                        List.of("h")),
                new GraphNode("relu", OpId.of("Relu"), 13, Attributes.empty(), List.of("h"), List.of("r")),
                new GraphNode("sig", OpId.of("Sigmoid"), 13, Attributes.empty(), List.of("r"), List.of("s")),
                new GraphNode("exp", OpId.of("Exp"), 13, Attributes.empty(), List.of("s"), List.of("y")));
        ValueSpec x = new ValueSpec("x", DataType.FLOAT32, new long[] {2, 4}, null);
        Graph g = new Graph(
                "g", List.of(x), List.of(ValueSpec.unknown("y"), ValueSpec.unknown("r")), init, Map.of(), nodes);
        return new ShapeInference().apply(g);
    }

    private static Map<String, Tensor> sample(float... v) {
        return Map.of("x", Tensor.ofFloats(Shape.of(2, 4), v));
    }

    @Test
    void gemmAndReluBecomeOneInt8NodeBetweenQuantizeAndDequantize() {
        Graph g = floatGraph();
        List<Map<String, Tensor>> samples =
                List.of(sample(1, 2, -1, 0.5f, -2, 0, 1, 1), sample(0.5f, -0.5f, 2, -1, 1, 1, 1, -1));
        Map<String, double[]> ranges = Calibration.ranges(g, samples, CalibrationMethod.MINMAX, 100, n -> {});
        // the ranges of the input and of every node output over both samples
        assertThat(ranges.get("x")).containsExactly(-2, 2);
        assertThat(ranges.get("r")[0]).isEqualTo(0);
        StaticQuantizer.Result r = StaticQuantizer.quantize(g, ranges);
        Graph q = r.graph();
        List<String> ops = new ArrayList<>();
        for (GraphNode n : q.nodes()) {
            ops.add(n.op().name());
        }
        assertThat(ops)
                .containsExactlyInAnyOrder(
                        "QuantizeLinear", "Gemm", "Sigmoid", "DequantizeLinear", "DequantizeLinear", "Exp");
        assertThat(r.keptFloat()).containsExactly("node 'exp' (Exp)");
        GraphNode fc = q.nodes().stream()
                .filter(n -> n.name().equals("fc"))
                .findFirst()
                .orElseThrow();
        GraphNode sig = q.nodes().stream()
                .filter(n -> n.name().equals("sig"))
                .findFirst()
                .orElseThrow();
        // TFLite's fixed logistic output: 1/256, zero point -128
        assertThat(sig.declaredOutput(0).orElseThrow().quantization().orElseThrow())
                .isEqualTo(Quantization.perTensor(1f / 256f, -128));
        assertThat(sig.inputs()).containsExactly("r_int8");
        assertThat(fc.attributes().getString("activation", "")).isEqualTo("Relu");
        assertThat(fc.outputs()).containsExactly("r_int8");
        Quantization out = fc.declaredOutput(0).orElseThrow().quantization().orElseThrow();
        Quantization expected = QuantizationMath.asymmetric(0, ranges.get("r")[1]);
        assertThat(out).isEqualTo(expected);
        // x in [-2, 2]: scale 4/255, zero point at the middle of the int8 range
        Quantization xq = q.valueInfo().get("x_int8").quantization().orElseThrow();
        assertThat((double) xq.scale()).isCloseTo(4.0 / 255, within(1e-7));
        assertThat(xq.zeroPoint()).isBetween(-1L, 0L);
        Tensor w = q.initializers().get("w_int8");
        assertThat(w.dataType()).isEqualTo(DataType.INT8);
        assertThat(longs(w)).startsWith(64, -32, 127, 0);
        Tensor b = q.initializers().get(fc.inputs().get(2));
        assertThat(b.dataType()).isEqualTo(DataType.INT32);

        try (Session before = Model.of("f", g, Partitioner.of(KernelRegistry.reference()))
                        .newSession();
                Session after = Model.of("q", q, Partitioner.of(KernelRegistry.reference()))
                        .newSession()) {
            for (Map<String, Tensor> s : samples) {
                Map<String, Tensor> e = before.run(s);
                Map<String, Tensor> a = after.run(s);
                assertThat(a.get("y").dataType()).isEqualTo(DataType.FLOAT32);
                // sigmoid in steps of 1/256, then exp (slope <= e) of it
                assertThat(a.get("y").toFloatArray()).containsExactly(e.get("y").toFloatArray(), within(0.03f));
                assertThat(a.get("r").toFloatArray())
                        .containsExactly(e.get("r").toFloatArray(), within(2 * out.scale()));
            }
        }
    }

    @Test
    void percentileCalibrationRunsEverySampleTwice() {
        Graph g = floatGraph();
        List<Integer> progress = new ArrayList<>();
        Calibration.ranges(
                g, List.of(sample(1, 2, 3, 4, 5, 6, 7, 8)), CalibrationMethod.PERCENTILE, 99.9, progress::add);
        assertThat(progress).containsExactly(1, 2);
    }

    @Test
    void dynamicRangeFeedsInt8WeightsToAHybridGemmWithAsymmetricInputs() {
        Graph g = floatGraph();
        Graph d = DynamicQuantizer.quantize(g);
        GraphNode fc = d.nodes().get(0);
        assertThat(fc.op().name()).isEqualTo("Gemm");
        assertThat(fc.inputs()).containsExactly("x", "w_int8", "b");
        assertThat(fc.attributes().getLong("asymmetric_quantize_inputs", 0)).isEqualTo(1);
        assertThat(d.initializers().get("w_int8").dataType()).isEqualTo(DataType.INT8);
        assertThat(d.initializers()
                        .get("w_int8")
                        .type()
                        .quantization()
                        .orElseThrow()
                        .count())
                .isEqualTo(3);
        assertThat(d.initializers()).doesNotContainKey("w");
        assertThat(d.nodes()).noneMatch(n -> n.op().name().equals("DequantizeLinear"));
        Map<String, Tensor> s = sample(1, 2, -1, 0.5f, -2, 0, 1, 1);
        try (Session before = Model.of("f", g, Partitioner.of(KernelRegistry.reference()))
                        .newSession();
                Session after = Model.of("d", d, Partitioner.of(KernelRegistry.reference()))
                        .newSession()) {
            // weights off by at most half a step (1/127 of the channel's max |w| / 2) and inputs by half a step of
            // their row's range / 255, over 4 terms of magnitude up to 2
            assertThat(after.run(s).get("r").toFloatArray())
                    .containsExactly(before.run(s).get("r").toFloatArray(), within(0.03f));
        }
    }

    @Test
    void int4BlocksOfAnNhwcConvRunAlongItsInputChannels() {
        Map<String, Tensor> init = new LinkedHashMap<>();
        init.put("k", Tensor.ofFloats(Shape.of(2, 1, 1, 4), 1.2f, 2f, 3f, 4f, -1f, 0.6f, 0.25f, 8f));
        GraphNode conv = new GraphNode(
                "conv",
                OpId.of("Conv"),
                13,
                Attributes.builder()
                        .put("data_format", "NHWC")
                        .put("kernel_shape", 1, 1)
                        .build(),
                List.of("x", "k"),
                List.of("y"));
        Graph g = new ShapeInference()
                .apply(new Graph(
                        "g",
                        List.of(new ValueSpec("x", DataType.FLOAT32, new long[] {1, 2, 2, 4}, null)),
                        List.of(ValueSpec.unknown("y")),
                        init,
                        Map.of(),
                        List.of(conv)));
        Graph q = Int4WeightQuantizer.quantize(g, 2);
        GraphNode dq = q.nodes().get(0);
        assertThat(dq.attributes().getLong("axis", -1)).isEqualTo(3);
        assertThat(dq.attributes().getLong("block_size", 0)).isEqualTo(2);
        // one scale per output channel and pair of input channels: max |w| / 7 of {1.2, 2}, {3, 4}, {-1, 0.6}, {0.25,
        // 8}
        assertThat(q.initializers().get("k_int4/scale").shape()).isEqualTo(Shape.of(2, 1, 1, 2));
        assertThat(q.initializers().get("k_int4/scale").toFloatArray()).containsExactly(2f / 7, 4f / 7, 1f / 7, 8f / 7);
        Map<String, Tensor> s =
                Map.of("x", Tensor.ofFloats(Shape.of(1, 2, 2, 4), 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1));
        try (Session after =
                Model.of("q", q, Partitioner.of(KernelRegistry.reference())).newSession()) {
            // each pixel picks one input channel, giving the dequantized weights of both output channels for it:
            // 1.2 -> 4 steps of 2/7, 3 -> 5 steps of 4/7, 0.6 -> 4 steps of 1/7, 0.25 -> 0 steps of 8/7
            assertThat(after.run(s).get("y").toFloatArray())
                    .containsExactly(new float[] {8f / 7, -1f, 2f, 4f / 7, 20f / 7, 0f, 4f, 8f}, within(1e-5f));
        }
    }

    @Test
    void int4WeightsPerChannelAndBlockwiseDequantizeInFrontOfTheLayer() {
        Graph g = floatGraph();
        Map<String, Tensor> s = sample(1, 2, -1, 0.5f, -2, 0, 1, 1);
        for (int block : new int[] {0, 2}) {
            Graph q = Int4WeightQuantizer.quantize(g, block);
            GraphNode dq = q.nodes().get(0);
            assertThat(dq.op().name()).isEqualTo("DequantizeLinear");
            assertThat(q.initializers().get("w_int4").dataType()).isEqualTo(DataType.INT4);
            assertThat(q.initializers().get("w_int4").toByteArray()).hasSize(6);
            if (block == 0) {
                assertThat(dq.attributes().getLong("axis", -1)).isZero();
                assertThat(q.initializers().get("w_int4/scale").shape()).isEqualTo(Shape.of(3));
            } else {
                assertThat(dq.attributes().getLong("block_size", 0)).isEqualTo(2);
                assertThat(dq.attributes().getLong("axis", -1)).isEqualTo(1);
                assertThat(q.initializers().get("w_int4/scale").shape()).isEqualTo(Shape.of(3, 2));
            }
            // row 0 of w is [0.5, -0.25, 1, 0]: with the channel's scale 1/7, -0.25 -> -1.75 -> -2, 1 -> 7, 0 -> 0
            Tensor w4 = q.initializers().get("w_int4");
            if (block == 0) {
                assertThat(new long[] {w4.getLong(1), w4.getLong(2), w4.getLong(3)})
                        .containsExactly(-2, 7, 0);
            }
            try (Session before = Model.of("f", g, Partitioner.of(KernelRegistry.reference()))
                            .newSession();
                    Session after = Model.of("q", q, Partitioner.of(KernelRegistry.reference()))
                            .newSession()) {
                // a weight is off by at most half a step (max |w| / 14 <= 1/14), inputs up to |2| over 4 terms
                assertThat(after.run(s).get("r").toFloatArray())
                        .containsExactly(before.run(s).get("r").toFloatArray(), within(0.6f));
            }
        }
    }

    @Test
    void tanhGetsItsFixedScaleAndAStandaloneClipRequantizes() {
        Map<String, Tensor> init =
                Map.of("lo", Tensor.ofFloats(Shape.scalar(), -1f), "hi", Tensor.ofFloats(Shape.scalar(), 0.5f));
        List<GraphNode> nodes = List.of(
                new GraphNode("tanh", OpId.of("Tanh"), 13, Attributes.empty(), List.of("x"), List.of("t")),
                new GraphNode("clip", OpId.of("Clip"), 13, Attributes.empty(), List.of("x", "lo", "hi"), List.of("c")));
        Graph g = new ShapeInference()
                .apply(new Graph(
                        "g",
                        List.of(new ValueSpec("x", DataType.FLOAT32, new long[] {4}, null)),
                        List.of(ValueSpec.unknown("t"), ValueSpec.unknown("c")),
                        init,
                        Map.of(),
                        nodes));
        Map<String, Tensor> s = Map.of("x", Tensor.ofFloats(Shape.of(4), -2f, -0.5f, 0.25f, 2f));
        Map<String, double[]> ranges = Calibration.ranges(g, List.of(s), CalibrationMethod.MINMAX, 100, n -> {});
        assertThat(ranges.get("c")).containsExactly(-1, 0.5);
        Graph q = StaticQuantizer.quantize(g, ranges).graph();
        Map<String, Quantization> outputs = new LinkedHashMap<>();
        for (GraphNode n : q.nodes()) {
            n.declaredOutput(0).flatMap(ValueSpec::quantization).ifPresent(p -> outputs.put(n.name(), p));
        }
        assertThat(outputs.get("tanh")).isEqualTo(Quantization.perTensor(1f / 128f, 0));
        // [-1, 0.5]: scale 1.5/255, zp round(-128 + 170) = 42
        assertThat(outputs.get("clip").zeroPoint()).isEqualTo(42);
        try (Session after =
                Model.of("q", q, Partitioner.of(KernelRegistry.reference())).newSession()) {
            Map<String, Tensor> out = after.run(s);
            assertThat(out.get("t").toFloatArray())
                    .containsExactly(
                            new float[] {
                                (float) Math.tanh(-2),
                                (float) Math.tanh(-0.5),
                                (float) Math.tanh(0.25),
                                (float) Math.tanh(2)
                            },
                            within(1f / 128));
            assertThat(out.get("c").toFloatArray())
                    .containsExactly(new float[] {-1f, -0.5f, 0.25f, 0.5f}, within(1.5f / 255));
        }
    }

    @Test
    void matMulWeightsArePerChannelOnAxisOneAndConstantsOnTheLeftStayFloat() {
        // y = x @ w with w [in 2, out 2]: per-channel scales on axis 1 (columns {1, 3} and {2, 4}: 3/127, 4/127);
        // z = w @ x2 has constant weights on the left: no int8 form, kept float
        Map<String, Tensor> init = Map.of("w", Tensor.ofFloats(Shape.of(2, 2), 1, 2, 3, 4));
        Graph g = new ShapeInference()
                .apply(new Graph(
                        "g",
                        List.of(
                                new ValueSpec("x", DataType.FLOAT32, new long[] {1, 2}, null),
                                new ValueSpec("x2", DataType.FLOAT32, new long[] {2, 1}, null)),
                        List.of(ValueSpec.unknown("y"), ValueSpec.unknown("z")),
                        init,
                        Map.of(),
                        List.of(
                                new GraphNode(
                                        "fc",
                                        OpId.of("MatMul"),
                                        13,
                                        Attributes.empty(),
                                        List.of("x", "w"),
                                        List.of("y")),
                                new GraphNode(
                                        "left",
                                        OpId.of("MatMul"),
                                        13,
                                        Attributes.empty(),
                                        List.of("w", "x2"),
                                        List.of("z")))));
        Map<String, Tensor> s =
                Map.of("x", Tensor.ofFloats(Shape.of(1, 2), 1, -1), "x2", Tensor.ofFloats(Shape.of(2, 1), 0.5f, 1));
        Map<String, double[]> ranges = Calibration.ranges(g, List.of(s), CalibrationMethod.MINMAX, 100, n -> {});
        StaticQuantizer.Result r = StaticQuantizer.quantize(g, ranges);
        assertThat(r.keptFloat()).containsExactly("node 'left' (MatMul)");
        Tensor w = r.graph().initializers().get("w_int8_axis1");
        Quantization p = w.type().quantization().orElseThrow();
        assertThat(p.axis()).isEqualTo(1);
        assertThat((double) p.scale(0)).isCloseTo(3.0 / 127, within(1e-7));
        assertThat((double) p.scale(1)).isCloseTo(4.0 / 127, within(1e-7));
        // 1 / (3/127) = 42.33 -> 42; 2 / (4/127) = 63.5 -> 64
        assertThat(longs(w)).containsExactly(42, 64, 127, 127);
        try (Session after = Model.of("q", r.graph(), Partitioner.of(KernelRegistry.reference()))
                .newSession()) {
            Map<String, Tensor> out = after.run(s);
            // x @ w = [1 - 3, 2 - 4] = [-2, -2]
            assertThat(out.get("y").toFloatArray()).containsExactly(new float[] {-2f, -2f}, within(0.05f));
            assertThat(out.get("z").toFloatArray()).containsExactly(new float[] {2.5f, 5.5f}, within(1e-6f));
        }
    }

    @Test
    void calibrationNeedsASample() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Calibration.ranges(floatGraph(), List.of(), CalibrationMethod.MINMAX, 100, n -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one sample");
    }

    private static long[] longs(Tensor t) {
        long[] v = new long[t.elementCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.getLong(i);
        }
        return v;
    }
}
