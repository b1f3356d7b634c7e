package dev.vela.runtime.passes;

import static dev.vela.runtime.passes.PassTesting.f32;
import static dev.vela.runtime.passes.PassTesting.inputsFor;
import static dev.vela.runtime.passes.PassTesting.node;
import static dev.vela.runtime.passes.PassTesting.ops;
import static dev.vela.runtime.passes.PassTesting.random;
import static dev.vela.runtime.passes.PassTesting.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QdqFusionTest {

    private static Tensor int8(Random r, int... dims) {
        Tensor t = Tensor.allocate(TensorType.of(DataType.INT8, Shape.of(dims)));
        for (int i = 0; i < t.elementCount(); i++) {
            t.setLong(i, r.nextInt(255) - 127);
        }
        return t;
    }

    private static Tensor int8Scalar(int v) {
        return Tensor.ofBytes(TensorType.of(DataType.INT8, Shape.scalar()), (byte) v);
    }

    private static Map<String, Tensor> common() {
        Map<String, Tensor> init = new LinkedHashMap<>();
        init.put("sx", Tensor.ofFloats(Shape.scalar(), 0.01f));
        init.put("zx", int8Scalar(3));
        init.put("sy", Tensor.ofFloats(Shape.scalar(), 0.05f));
        init.put("zy", int8Scalar(-1));
        return init;
    }

    private static Graph qdqConv(boolean perChannel, boolean bias) {
        Random r = new Random(11);
        Map<String, Tensor> init = common();
        init.put("wq", int8(r, 4, 2, 3, 3));
        init.put(
                "ws",
                perChannel
                        ? Tensor.ofFloats(Shape.of(4), 0.002f, 0.003f, 0.004f, 0.005f)
                        : Tensor.ofFloats(Shape.scalar(), 0.003f));
        init.put(
                "wz",
                perChannel ? Tensor.ofBytes(TensorType.of(DataType.INT8, Shape.of(4)), new byte[4]) : int8Scalar(0));
        init.put("b", random(r, 4));
        Attributes axis0 = Attributes.builder().put("axis", 0L).build();
        return new Graph(
                "g",
                List.of(f32("x", 1, 2, 5, 5)),
                List.of(new ValueSpec("y", DataType.INT8, new long[] {1, 4, 5, 5}, null)),
                init,
                Map.of(),
                List.of(
                        node("qx", "QuantizeLinear", List.of("x", "sx", "zx"), List.of("xq")),
                        node("dqx", "DequantizeLinear", List.of("xq", "sx", "zx"), List.of("xf")),
                        node("dqw", "DequantizeLinear", axis0, List.of("wq", "ws", "wz"), List.of("wf")),
                        node(
                                "conv",
                                "Conv",
                                Attributes.builder().put("pads", 1L, 1L, 1L, 1L).build(),
                                bias ? List.of("xf", "wf", "b") : List.of("xf", "wf"),
                                List.of("yf")),
                        node("qy", "QuantizeLinear", List.of("yf", "sy", "zy"), List.of("y"))));
    }

    /** Outputs equal, or one quantization step apart where the float result sits on a rounding boundary. */
    private static void assertWithinOneStep(Graph before, Graph after) {
        int differing = 0;
        int total = 0;
        for (long seed = 1; seed <= 3; seed++) {
            Map<String, Tensor> in = inputsFor(before, seed);
            Tensor e = run(before, in).get("y");
            Tensor a = run(after, in).get("y");
            // QuantizeLinear annotates its output type with its constant parameters, QLinear* kernels do not
            assertThat(a.dataType()).isEqualTo(e.dataType());
            assertThat(a.shape()).isEqualTo(e.shape());
            for (int i = 0; i < e.elementCount(); i++) {
                long d = Math.abs(a.getLong(i) - e.getLong(i));
                assertThat(d).as("y[%d]", i).isLessThanOrEqualTo(1);
                differing += d == 0 ? 0 : 1;
                total++;
            }
        }
        assertThat(differing).as("elements one step apart").isLessThanOrEqualTo(total / 20);
    }

    @Test
    void convWithPerChannelAndPerTensorWeightsBecomesQLinearConv() {
        for (boolean perChannel : new boolean[] {true, false}) {
            for (boolean bias : new boolean[] {true, false}) {
                Graph g = qdqConv(perChannel, bias);
                Graph fused = new DeadCodeElimination().apply(new QdqFusion().apply(g));
                assertThat(ops(fused))
                        .as("per channel %s, bias %s", perChannel, bias)
                        .containsExactly("QuantizeLinear", "QLinearConv");
                assertThat(fused.nodes().get(1).inputs()).hasSize(bias ? 9 : 8);
                assertThat(fused.initializers()).doesNotContainKey("b");
                assertWithinOneStep(g, fused);
            }
        }
    }

    @Test
    void biasIsRequantizedAtInputTimesWeightScale() {
        Graph g = qdqConv(false, true);
        Graph fused = new QdqFusion().apply(g);
        Tensor qb = fused.initializers()
                .get(fused.nodes().stream()
                        .filter(n -> n.op().name().equals("QLinearConv"))
                        .findFirst()
                        .orElseThrow()
                        .inputs()
                        .get(8));
        double b0 = g.initializers().get("b").getDouble(0);
        assertThat(qb.dataType()).isEqualTo(DataType.INT32);
        assertThat(qb.getLong(0)).isEqualTo(Math.round(b0 / (0.01 * 0.003)));
    }

    @Test
    void matMulBecomesQLinearMatMul() {
        Random r = new Random(5);
        Map<String, Tensor> init = common();
        init.put("bq", int8(r, 4, 5));
        init.put("bs", Tensor.ofFloats(Shape.scalar(), 0.02f));
        init.put("bz", int8Scalar(2));
        Graph g = new Graph(
                "g",
                List.of(f32("x", 3, 4)),
                List.of(new ValueSpec("y", DataType.INT8, new long[] {3, 5}, null)),
                init,
                Map.of(),
                List.of(
                        node("qx", "QuantizeLinear", List.of("x", "sx", "zx"), List.of("xq")),
                        node("dqx", "DequantizeLinear", List.of("xq", "sx", "zx"), List.of("xf")),
                        node("dqb", "DequantizeLinear", List.of("bq", "bs", "bz"), List.of("bf")),
                        node("mm", "MatMul", List.of("xf", "bf"), List.of("yf")),
                        node("qy", "QuantizeLinear", List.of("yf", "sy", "zy"), List.of("y"))));
        Graph fused = new DeadCodeElimination().apply(new QdqFusion().apply(g));
        assertThat(ops(fused)).containsExactly("QuantizeLinear", "QLinearMatMul");
        assertWithinOneStep(g, fused);
    }

    @Test
    void floatOutputReadElsewhereOrMissingZeroPointPreventsFusion() {
        Graph g = qdqConv(true, true);
        Graph twoReaders = new Graph(
                "g",
                g.inputs(),
                List.of(g.outputs().get(0), f32("yf", 1, 4, 5, 5)),
                g.initializers(),
                Map.of(),
                g.nodes());
        assertThat(new QdqFusion().apply(twoReaders)).isSameAs(twoReaders);
        Graph noZeroPoint = new Graph(
                "g",
                g.inputs(),
                g.outputs(),
                g.initializers(),
                Map.of(),
                g.nodes().stream()
                        .map(n -> n.name().equals("qy")
                                ? node("qy", "QuantizeLinear", List.of("yf", "sy"), List.of("y"))
                                : n)
                        .toList());
        assertThat(new QdqFusion().apply(noZeroPoint)).isSameAs(noZeroPoint);
    }
}
