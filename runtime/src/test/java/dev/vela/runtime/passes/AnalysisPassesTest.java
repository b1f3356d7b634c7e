package dev.vela.runtime.passes;

import static dev.vela.runtime.passes.PassTesting.assertSameOutputs;
import static dev.vela.runtime.passes.PassTesting.f32;
import static dev.vela.runtime.passes.PassTesting.node;
import static dev.vela.runtime.passes.PassTesting.ops;
import static dev.vela.runtime.passes.PassTesting.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Activation fusion, shape inference, the pass manager and the pass registry. */
class AnalysisPassesTest {

    private static Graph convRelu(String act, Map<String, ValueSpec> valueInfo) {
        Random r = new Random(3);
        List<String> actIn = act.equals("Clip") ? List.of("c", "lo", "hi") : List.of("c");
        ValueSpec y = valueInfo.getOrDefault("y", f32("y", 1, 3, 4, 4));
        return new Graph(
                "g",
                List.of(f32("x", 1, 2, 4, 4)),
                List.of(y),
                Map.of(
                        "W",
                        random(r, 3, 2, 1, 1),
                        "lo",
                        Tensor.ofFloats(Shape.scalar(), -0.5f),
                        "hi",
                        Tensor.ofFloats(Shape.scalar(), 0.25f)),
                valueInfo,
                List.of(node("conv", "Conv", List.of("x", "W"), List.of("c")), node("act", act, actIn, List.of("y"))));
    }

    @Test
    void floatConvIsNotFusedByDefaultBecauseTheFloatReferenceIgnoresTheAttribute() {
        Graph g = convRelu("Relu", Map.of());
        assertThat(new ActivationFusion().apply(g)).isSameAs(g);
    }

    @Test
    void targetedFusionWritesReluAndClipAttributes() {
        Graph relu = new ActivationFusion(n -> true).apply(convRelu("Relu", Map.of()));
        assertThat(ops(relu)).containsExactly("Conv");
        GraphNode conv = relu.nodes().get(0);
        assertThat(conv.attributes().getString("activation")).isEqualTo("Relu");
        assertThat(conv.outputs()).containsExactly("y");
        Graph clip = new ActivationFusion(n -> true).apply(convRelu("Clip", Map.of()));
        assertThat(clip.nodes().get(0).attributes().getFloats("activation_params"))
                .containsExactly(-0.5f, 0.25f);
    }

    @Test
    void quantizedConvFusesByDefaultOnlyWhenTheActivationKeepsItsQuantization() {
        Quantization q = Quantization.perTensor(0.05f, -3);
        ValueSpec c = new ValueSpec("c", DataType.INT8, new long[] {1, 3, 4, 4}, null, q);
        ValueSpec same = new ValueSpec("y", DataType.INT8, new long[] {1, 3, 4, 4}, null, q);
        ValueSpec other =
                new ValueSpec("y", DataType.INT8, new long[] {1, 3, 4, 4}, null, Quantization.perTensor(0.1f, -128));
        Graph fused = new ActivationFusion().apply(convRelu("Relu", Map.of("c", c, "y", same)));
        assertThat(ops(fused)).containsExactly("Conv");
        Graph requantized = convRelu("Relu", Map.of("c", c, "y", other));
        assertThat(new ActivationFusion().apply(requantized)).isSameAs(requantized);
    }

    @Test
    void shapeInferenceDeclaresEveryIntermediateValue() {
        Graph g = new Graph(
                "g",
                List.of(f32("x", 1, 2, 6, 6)),
                List.of(f32("y", 1, 3, 3, 3)),
                Map.of("W", random(new Random(1), 3, 2, 3, 3)),
                Map.of(),
                List.of(
                        node("conv", "Conv", List.of("x", "W"), List.of("c")),
                        node(
                                "pool",
                                "MaxPool",
                                Attributes.builder()
                                        .put("kernel_shape", 2L, 2L)
                                        .put("strides", 1L, 1L)
                                        .build(),
                                List.of("c"),
                                List.of("p")),
                        node("relu", "Relu", List.of("p"), List.of("y"))));
        Graph after = new ShapeInference().apply(g);
        // conv: 6 - 3 + 1 = 4; pool: 4 - 2 + 1 = 3
        assertThat(after.valueInfo().get("c").dims()).containsExactly(1, 3, 4, 4);
        assertThat(after.valueInfo().get("p").dims()).containsExactly(1, 3, 3, 3);
        assertThat(after.valueInfo().get("p").dataType()).isEqualTo(DataType.FLOAT32);
        assertSameOutputs(g, after);
    }

    @Test
    void shapeInferenceLeavesSymbolicInputsAlone() {
        Graph g = new Graph(
                "g",
                List.of(f32("x", ValueSpec.UNKNOWN, 3)),
                List.of(f32("y")),
                Map.of(),
                Map.of(),
                List.of(node("relu", "Relu", List.of("x"), List.of("y"))));
        assertThat(new ShapeInference().apply(g)).isSameAs(g);
    }

    @Test
    void passManagerTimesEachPassInOrderAndCountsNodes() {
        Graph g = new Graph(
                "g",
                List.of(f32("x", 2)),
                List.of(f32("y", 2)),
                Map.of(),
                Map.of(),
                List.of(
                        node("id", "Identity", List.of("x"), List.of("a")),
                        node("r", "Relu", List.of("a"), List.of("y")),
                        node("dead", "Neg", List.of("x"), List.of("d"))));
        PassManager.Result result =
                new PassManager(Passes.byNames(List.of("remove-identity", "eliminate-dead-code"))).run(g);
        assertThat(result.timings())
                .extracting(PassTiming::name)
                .containsExactly("remove-identity", "eliminate-dead-code");
        assertThat(result.timings()).extracting(PassTiming::nodesBefore).containsExactly(3, 2);
        assertThat(result.timings()).extracting(PassTiming::nodesAfter).containsExactly(2, 1);
        assertThat(result.timings()).allSatisfy(t -> assertThat(t.millis()).isNotNegative());
        assertThat(ops(result.graph())).containsExactly("Relu");
    }

    @Test
    void defaultsLeaveOutTheOptInFusionAndUnknownNamesAreListed() {
        assertThat(Passes.defaults())
                .extracting(Pass::name)
                .doesNotContain("fuse-activations")
                .contains("fold-constants", "eliminate-dead-code", "infer-shapes");
        assertThatThrownBy(() -> Passes.byNames(List.of("fold-everything")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fold-everything'")
                .hasMessageContaining("cancel-transposes");
    }
}
