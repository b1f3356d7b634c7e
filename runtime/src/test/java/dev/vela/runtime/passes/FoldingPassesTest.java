package dev.vela.runtime.passes;

import static dev.vela.runtime.passes.PassTesting.assertSameOutputs;
import static dev.vela.runtime.passes.PassTesting.f32;
import static dev.vela.runtime.passes.PassTesting.node;
import static dev.vela.runtime.passes.PassTesting.ops;
import static dev.vela.runtime.passes.PassTesting.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.spi.Attributes;
import dev.vela.spi.Layout;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Constant folding and Conv+BatchNormalization folding. */
class FoldingPassesTest {

    @Test
    void chainsOfConstantNodesFoldToTheirValues() {
        Graph g = new Graph(
                "g",
                List.of(f32("x", 3)),
                List.of(f32("y", 3)),
                Map.of("a", Tensor.ofFloats(Shape.of(3), 1, 2, 3), "b", Tensor.ofFloats(Shape.of(3), 10, 20, 30)),
                Map.of(),
                List.of(
                        node("sum", "Add", List.of("a", "b"), List.of("s")),
                        node("neg", "Neg", List.of("s"), List.of("n")),
                        node("mul", "Mul", List.of("x", "n"), List.of("y"))));
        Graph after = new ConstantFolding().apply(g);
        assertThat(ops(after)).containsExactly("Mul");
        assertThat(after.initializers().get("n").toFloatArray()).containsExactly(-11, -22, -33);
        assertSameOutputs(g, after);
    }

    @Test
    void nodesProducingGraphOutputsAndRandomGeneratorsAreNotFolded() {
        Graph g = new Graph(
                "g",
                List.of(f32("x", 3)),
                List.of(f32("y", 3), f32("r", 3)),
                Map.of("a", Tensor.ofFloats(Shape.of(3), 1, 2, 3)),
                Map.of(),
                List.of(
                        node("neg", "Neg", List.of("a"), List.of("y")),
                        node("rnd", "RandomUniformLike", List.of("a"), List.of("r"))));
        assertThat(new ConstantFolding().apply(g)).isSameAs(g);
    }

    @Test
    void shapeAndSizeFoldWhenTheInputShapeIsKnownAndTheReshapeChainFollows() {
        Graph g = new Graph(
                "g",
                List.of(f32("x", 2, 3, 4)),
                List.of(f32("y", 6, 4)),
                Map.of("zero", Tensor.ofLongs(Shape.of(1), 0), "minus1", Tensor.ofLongs(Shape.of(1), -1)),
                Map.of(),
                List.of(
                        node("relu", "Relu", List.of("x"), List.of("r")),
                        node(
                                "shape",
                                "Shape",
                                Attributes.builder().put("start", -1L).build(),
                                List.of("r"),
                                List.of("last")),
                        node(
                                "cat",
                                "Concat",
                                Attributes.builder().put("axis", 0L).build(),
                                List.of("minus1", "last"),
                                List.of("target")),
                        node("size", "Size", List.of("x"), List.of("n")),
                        node("reshape", "Reshape", List.of("r", "target"), List.of("y"))));
        Graph after = new DeadCodeElimination().apply(new ConstantFolding().apply(new ShapeInference().apply(g)));
        assertThat(ops(after)).containsExactly("Relu", "Reshape");
        assertThat(after.initializers().get("target").toLongArray()).containsExactly(-1, 4);
        assertThat(new ConstantFolding()
                        .apply(new ShapeInference().apply(g))
                        .initializers()
                        .get("n")
                        .getLong(0))
                .isEqualTo(24);
        assertSameOutputs(g, after);
    }

    @Test
    void shapeOfASymbolicInputStays() {
        Graph g = new Graph(
                "g",
                List.of(f32("x", dev.vela.runtime.graph.ValueSpec.UNKNOWN, 3)),
                List.of(f32("y", 2)),
                Map.of(),
                Map.of(),
                List.of(
                        node("shape", "Shape", List.of("x"), List.of("s")),
                        node("cast", "Cast", Attributes.builder().put("to", 1L).build(), List.of("s"), List.of("y"))));
        assertThat(new ConstantFolding().apply(g)).isSameAs(g);
    }

    private static Graph convBn(boolean convBias, int convUses, String layout) {
        Random r = new Random(7);
        Map<String, Tensor> init = new LinkedHashMap<>();
        init.put("W", random(r, 4, 3, 3, 3));
        init.put("scale", random(r, 4));
        init.put("beta", random(r, 4));
        init.put("mean", random(r, 4));
        Tensor var = random(r, 4);
        for (int i = 0; i < 4; i++) {
            var.setDouble(i, Math.abs(var.getDouble(i)) + 0.1);
        }
        init.put("var", var);
        List<String> convIn = new ArrayList<>(List.of("x", "W"));
        if (convBias) {
            init.put("B", random(r, 4));
            convIn.add("B");
        }
        Attributes convAttrs = Attributes.builder()
                .put("pads", 1L, 1L, 1L, 1L)
                .put(Layout.ATTRIBUTE, layout)
                .build();
        List<GraphNode> nodes = new ArrayList<>(List.of(
                node("conv", "Conv", convAttrs, convIn, List.of("c")),
                node(
                        "bn",
                        "BatchNormalization",
                        Attributes.builder().put("epsilon", 1e-3f).build(),
                        List.of("c", "scale", "beta", "mean", "var"),
                        List.of("y"))));
        List<dev.vela.runtime.graph.ValueSpec> outs = new ArrayList<>(List.of(f32("y", 1, 4, 5, 5)));
        if (convUses > 1) {
            nodes.add(node("neg", "Neg", List.of("c"), List.of("z")));
            outs.add(f32("z", 1, 4, 5, 5));
        }
        return new Graph("g", List.of(f32("x", 1, 3, 5, 5)), outs, init, Map.of(), nodes);
    }

    @Test
    void batchNormFoldsIntoConvWithAndWithoutBias() {
        for (boolean bias : new boolean[] {true, false}) {
            Graph g = convBn(bias, 1, "NCHW");
            Graph after = new ConvBatchNormFolding().apply(g);
            assertThat(ops(after)).as("bias %s", bias).containsExactly("Conv");
            GraphNode conv = after.nodes().get(0);
            assertThat(conv.outputs()).containsExactly("y");
            assertThat(conv.inputs()).hasSize(3);
            // channel 0 by hand: f = scale / sqrt(var + eps); B' = (B - mean) * f + beta
            Map<String, Tensor> c = g.initializers();
            double f = c.get("scale").getDouble(0) / Math.sqrt(c.get("var").getDouble(0) + 1e-3);
            double b = bias ? c.get("B").getDouble(0) : 0;
            assertThat(after.initializers().get(conv.inputs().get(2)).getDouble(0))
                    .isCloseTo(
                            (b - c.get("mean").getDouble(0)) * f + c.get("beta").getDouble(0), within(1e-6));
            assertThat(after.initializers().get(conv.inputs().get(1)).getDouble(5))
                    .isCloseTo(c.get("W").getDouble(5) * f, within(1e-6));
            assertThat(after.initializers().get("W"))
                    .as("original weight untouched")
                    .isSameAs(c.get("W"));
            assertSameOutputs(g, new DeadCodeElimination().apply(after));
        }
    }

    @Test
    void batchNormStaysWhenTheConvOutputHasAnotherReaderOrIsChannelsLast() {
        Graph shared = convBn(true, 2, "NCHW");
        assertThat(new ConvBatchNormFolding().apply(shared)).isSameAs(shared);
        Graph nhwc = convBn(true, 1, "NHWC");
        assertThat(new ConvBatchNormFolding().apply(nhwc)).isSameAs(nhwc);
    }
}
