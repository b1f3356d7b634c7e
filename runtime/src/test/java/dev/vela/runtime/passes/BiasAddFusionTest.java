package dev.vela.runtime.passes;

import static dev.vela.runtime.passes.PassTesting.assertSameOutputs;
import static dev.vela.runtime.passes.PassTesting.f32;
import static dev.vela.runtime.passes.PassTesting.node;
import static dev.vela.runtime.passes.PassTesting.ops;
import static dev.vela.runtime.passes.PassTesting.random;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Attributes;
import dev.vela.spi.Layout;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Folding a per-channel constant Add into Conv's bias, and MatMul + Add into Gemm. */
class BiasAddFusionTest {

    private final Random r = new Random(11);

    /** x[1,2,5,5] -> Conv(W[3,2,3,3], optional bias) -> Add(addend) -> y, optionally also consumed elsewhere. */
    private Graph convAdd(Tensor addend, boolean withBias, boolean nhwc, boolean convIsOutput) {
        Map<String, Tensor> constants = new HashMap<>();
        constants.put("W", nhwc ? random(r, 3, 3, 3, 2) : random(r, 3, 2, 3, 3));
        constants.put("c", addend);
        List<String> convIn = List.of("x", "W");
        if (withBias) {
            constants.put("B", random(r, 3));
            convIn = List.of("x", "W", "B");
        }
        Attributes attrs =
                nhwc ? Attributes.builder().put(Layout.ATTRIBUTE, "NHWC").build() : Attributes.empty();
        ValueSpec x = nhwc ? f32("x", 1, 5, 5, 2) : f32("x", 1, 2, 5, 5);
        ValueSpec y = nhwc ? f32("y", 1, 3, 3, 3) : f32("y", 1, 3, 3, 3);
        List<ValueSpec> outputs = convIsOutput ? List.of(y, f32("t", 1, 3, 3, 3)) : List.of(y);
        return new Graph(
                "g",
                List.of(x),
                outputs,
                constants,
                Map.of(),
                List.of(
                        node("conv", "Conv", attrs, convIn, List.of("t")),
                        node("add", "Add", List.of("t", "c"), List.of("y"))));
    }

    @Test
    void perChannelAddBecomesTheConvBiasInEveryBroadcastSpelling() {
        for (int[] shape : new int[][] {{1, 3, 1, 1}, {3, 1, 1}, {1}, {1, 1, 1, 1}}) {
            for (boolean withBias : new boolean[] {false, true}) {
                Graph g = convAdd(random(r, shape), withBias, false, false);
                Graph fused = new BiasAddFusion().apply(g);
                assertThat(ops(fused)).as("addend %s", Shape.of(shape)).containsExactly("Conv");
                GraphNode conv = fused.nodes().get(0);
                assertThat(conv.inputs()).hasSize(3);
                assertThat(conv.outputs()).containsExactly("y");
                assertThat(fused.initializers().get(conv.inputs().get(2)).shape())
                        .isEqualTo(Shape.of(3));
                assertSameOutputs(g, fused);
            }
        }
    }

    @Test
    void channelsLastConvTakesAnAddAlongItsLastAxis() {
        Graph g = convAdd(random(r, 3), true, true, false);
        Graph fused = new BiasAddFusion().apply(g);
        assertThat(ops(fused)).containsExactly("Conv");
        assertSameOutputs(g, fused);
        // along axis 1 of an NHWC output is a spatial axis: not a bias
        Graph spatial = convAdd(random(r, 1, 3, 1, 1), true, true, false);
        assertThat(new BiasAddFusion().apply(spatial)).isSameAs(spatial);
    }

    @Test
    void addendsThatVaryOutsideTheChannelAxisOrEnlargeTheResultAreLeftAlone() {
        for (int[] shape : new int[][] {{1, 3, 3, 3}, {3, 3}, {1, 1, 1, 3}, {2, 1, 3, 1, 1}, {1, 2, 1, 1}}) {
            Graph g = convAdd(random(r, shape), false, false, false);
            assertThat(new BiasAddFusion().apply(g))
                    .as("addend %s", Shape.of(shape))
                    .isSameAs(g);
        }
    }

    @Test
    void aConvOutputReadElsewhereIsNotRewritten() {
        Graph g = convAdd(random(r, 3, 1, 1), false, false, true);
        assertThat(new BiasAddFusion().apply(g)).isSameAs(g);
    }

    @Test
    void aConvWithFusedActivationKeepsItsAdd() {
        Map<String, Tensor> constants = Map.of("W", random(r, 3, 2, 1, 1), "c", random(r, 3, 1, 1));
        Graph g = new Graph(
                "g",
                List.of(f32("x", 1, 2, 4, 4)),
                List.of(f32("y", 1, 3, 4, 4)),
                constants,
                Map.of(),
                List.of(
                        node(
                                "conv",
                                "Conv",
                                Attributes.builder().put("activation", "Relu").build(),
                                List.of("x", "W"),
                                List.of("t")),
                        node("add", "Add", List.of("c", "t"), List.of("y"))));
        assertThat(new BiasAddFusion().apply(g)).isSameAs(g);
    }

    private Graph matMulAdd(int[] addendShape, int aRank) {
        long[] aDims = aRank == 2 ? new long[] {2, 4} : new long[] {3, 2, 4};
        long[] yDims = aRank == 2 ? new long[] {2, 5} : new long[] {3, 2, 5};
        Map<String, ValueSpec> info = Map.of("t", f32("t", yDims));
        return new Graph(
                "g",
                List.of(f32("a", aDims)),
                List.of(f32("y", yDims)),
                Map.of("B", random(r, 4, 5), "c", random(r, addendShape)),
                info,
                List.of(
                        node("mm", "MatMul", List.of("a", "B"), List.of("t")),
                        node("add", "Add", List.of("t", "c"), List.of("y"))));
    }

    @Test
    void matMulPlusRowVectorBecomesOneGemm() {
        for (int[] shape : new int[][] {{5}, {1, 5}, {1}}) {
            Graph g = matMulAdd(shape, 2);
            Graph fused = new BiasAddFusion().apply(g);
            assertThat(ops(fused)).as("addend %s", Shape.of(shape)).containsExactly("Gemm");
            assertThat(fused.nodes().get(0).outputs()).containsExactly("y");
            assertSameOutputs(g, fused);
        }
    }

    @Test
    void matMulThatGemmCannotExpressIsLeftAlone() {
        Graph batched = matMulAdd(new int[] {5}, 3);
        assertThat(new BiasAddFusion().apply(batched)).isSameAs(batched);
        Graph perRow = matMulAdd(new int[] {2, 1}, 2);
        assertThat(new BiasAddFusion().apply(perRow)).isSameAs(perRow);
    }

    @Test
    void isADefaultPass() {
        assertThat(Passes.defaultNames()).containsSubsequence("fold-batchnorm", "fuse-bias-add");
    }
}
