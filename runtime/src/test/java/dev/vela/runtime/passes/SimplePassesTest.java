package dev.vela.runtime.passes;

import static dev.vela.runtime.passes.PassTesting.assertSameOutputs;
import static dev.vela.runtime.passes.PassTesting.f32;
import static dev.vela.runtime.passes.PassTesting.node;
import static dev.vela.runtime.passes.PassTesting.ops;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dead-code elimination, Identity/Dropout removal and Transpose cancellation. */
class SimplePassesTest {

    private static final Tensor TWOS = Tensor.ofFloats(Shape.of(2, 3), 2, 2, 2, 2, 2, 2);

    @Test
    void deadCodeEliminationDropsUnreachableNodesAndConstants() {
        Graph g = new Graph(
                "g",
                List.of(f32("x", 2, 3)),
                List.of(f32("y", 2, 3)),
                Map.of("w", TWOS, "unused", TWOS, "w2", TWOS),
                Map.of("dead2", f32("dead2", 2, 3)),
                List.of(
                        node("live", "Add", List.of("x", "w"), List.of("y")),
                        node("dead1", "Mul", List.of("x", "w2"), List.of("dead")),
                        node("dead2", "Relu", List.of("dead"), List.of("dead2"))));
        Graph after = new DeadCodeElimination().apply(g);
        assertThat(after.nodes()).extracting(GraphNode::name).containsExactly("live");
        assertThat(after.initializers()).containsOnlyKeys("w");
        assertThat(after.valueInfo()).isEmpty();
        assertSameOutputs(g, after);
    }

    @Test
    void deadCodeEliminationReturnsTheSameGraphWhenAllIsLive() {
        Graph g = new Graph(
                "g",
                List.of(f32("x", 2, 3)),
                List.of(f32("y", 2, 3)),
                Map.of("w", TWOS),
                Map.of(),
                List.of(node("live", "Add", List.of("x", "w"), List.of("y"))));
        assertThat(new DeadCodeElimination().apply(g)).isSameAs(g);
    }

    @Test
    void identityInTheMiddleIsBypassed() {
        Graph g = new Graph(
                "g",
                List.of(f32("x", 2, 3)),
                List.of(f32("y", 2, 3)),
                Map.of(),
                Map.of(),
                List.of(
                        node("r", "Relu", List.of("x"), List.of("a")),
                        node("id", "Identity", List.of("a"), List.of("b")),
                        node("n", "Neg", List.of("b"), List.of("y"))));
        Graph after = new IdentityRemoval().apply(g);
        assertThat(ops(after)).containsExactly("Relu", "Neg");
        assertThat(after.nodes().get(1).inputs()).containsExactly("a");
        assertSameOutputs(g, after);
    }

    @Test
    void identityProducingAGraphOutputRenamesItsProducerAndKeepsOtherReaders() {
        Graph g = new Graph(
                "g",
                List.of(f32("x", 2, 3)),
                List.of(f32("y", 2, 3), f32("z", 2, 3)),
                Map.of(),
                Map.of(),
                List.of(
                        node("r", "Relu", List.of("x"), List.of("a")),
                        node("id", "Identity", List.of("a"), List.of("y")),
                        node("n", "Neg", List.of("a"), List.of("z"))));
        Graph after = new IdentityRemoval().apply(g);
        assertThat(ops(after)).containsExactly("Relu", "Neg");
        assertThat(after.nodes().get(0).outputs()).containsExactly("y");
        assertThat(after.nodes().get(1).inputs()).containsExactly("y");
        assertSameOutputs(g, after);
    }

    @Test
    void identityFromAGraphInputToAnOutputStays() {
        Graph g = new Graph(
                "g",
                List.of(f32("x", 2, 3)),
                List.of(f32("y", 2, 3)),
                Map.of(),
                Map.of(),
                List.of(node("id", "Identity", List.of("x"), List.of("y"))));
        assertThat(new IdentityRemoval().apply(g)).isSameAs(g);
    }

    @Test
    void inferenceDropoutIsRemovedTrainingDropoutAndUsedMasksStay() {
        Tensor no = Tensor.ofBytes(TensorType.of(DataType.BOOL, Shape.scalar()), (byte) 0);
        Tensor yes = Tensor.ofBytes(TensorType.of(DataType.BOOL, Shape.scalar()), (byte) 1);
        Tensor ratio = Tensor.ofFloats(Shape.scalar(), 0.5f);
        Graph g = new Graph(
                "g",
                List.of(f32("x", 2, 3)),
                List.of(f32("y", 2, 3), f32("m", 2, 3)),
                Map.of("no", no, "yes", yes, "ratio", ratio),
                Map.of(),
                List.of(
                        node("d1", "Dropout", List.of("x", "ratio", "no"), List.of("a", "")),
                        node("d2", "Dropout", List.of("a", "ratio", "yes"), List.of("b")),
                        node("d3", "Dropout", List.of("a"), List.of("c", "mask")),
                        node("add", "Add", List.of("b", "c"), List.of("y")),
                        node(
                                "cast",
                                "Cast",
                                Attributes.builder().put("to", 1L).build(),
                                List.of("mask"),
                                List.of("m"))));
        Graph after = new IdentityRemoval().apply(g);
        assertThat(after.nodes()).extracting(GraphNode::name).containsExactly("d2", "d3", "add", "cast");
        assertThat(after.nodes().get(0).inputs().get(0)).isEqualTo("x");
    }

    @Test
    void inverseTransposesCancel() {
        Attributes p1 = Attributes.builder().put("perm", 0L, 2L, 3L, 1L).build();
        Attributes p2 = Attributes.builder().put("perm", 0L, 3L, 1L, 2L).build();
        Graph g = new Graph(
                "g",
                List.of(f32("x", 1, 2, 3, 4)),
                List.of(f32("y", 1, 2, 3, 4)),
                Map.of(),
                Map.of(),
                List.of(
                        node("t1", "Transpose", p1, List.of("x"), List.of("a")),
                        node("t2", "Transpose", p2, List.of("a"), List.of("b")),
                        node("r", "Relu", List.of("b"), List.of("y"))));
        Graph after = new TransposeCancellation().apply(g);
        assertThat(ops(after)).containsExactly("Relu");
        assertThat(after.nodes().get(0).inputs()).containsExactly("x");
        assertSameOutputs(g, after);
    }

    @Test
    void nonInverseTransposesMergeIntoTheComposedPermutation() {
        Attributes p1 = Attributes.builder().put("perm", 1L, 2L, 0L).build();
        Attributes p2 = Attributes.builder().put("perm", 1L, 2L, 0L).build();
        Graph g = new Graph(
                "g",
                List.of(f32("x", 2, 3, 4)),
                List.of(f32("y", 4, 2, 3)),
                Map.of(),
                Map.of(),
                List.of(
                        node("t1", "Transpose", p1, List.of("x"), List.of("a")),
                        node("t2", "Transpose", p2, List.of("a"), List.of("y"))));
        Graph after = new TransposeCancellation().apply(g);
        assertThat(ops(after)).containsExactly("Transpose");
        // z axis i = x axis p1[p2[i]]: p1[1]=2, p1[2]=0, p1[0]=1
        assertThat(after.nodes().get(0).attributes().getLongs("perm")).containsExactly(2, 0, 1);
        assertSameOutputs(g, after);
    }

    @Test
    void inversePairEndingInAGraphOutputBecomesAnIdentityThatRemovalFolds() {
        Attributes p = Attributes.builder().put("perm", 1L, 0L).build();
        Graph g = new Graph(
                "g",
                List.of(f32("x", 2, 3)),
                List.of(f32("y", 2, 3)),
                Map.of(),
                Map.of(),
                List.of(
                        node("r", "Relu", List.of("x"), List.of("a")),
                        node("t1", "Transpose", p, List.of("a"), List.of("b")),
                        node("t2", "Transpose", p, List.of("b"), List.of("y"))));
        Graph cancelled = new TransposeCancellation().apply(g);
        assertThat(ops(cancelled)).containsExactly("Relu", "Identity");
        Graph after = new IdentityRemoval().apply(cancelled);
        assertThat(ops(after)).containsExactly("Relu");
        assertThat(after.nodes().get(0).outputs()).containsExactly("y");
        assertSameOutputs(g, after);
    }

    @Test
    void transposeWithASecondReaderStays() {
        Attributes p = Attributes.builder().put("perm", 1L, 0L).build();
        Graph g = new Graph(
                "g",
                List.of(f32("x", 2, 3)),
                List.of(f32("y", 2, 3), f32("z", 3, 2)),
                Map.of(),
                Map.of(),
                List.of(
                        node("t1", "Transpose", p, List.of("x"), List.of("a")),
                        node("t2", "Transpose", p, List.of("a"), List.of("y")),
                        node("n", "Neg", List.of("a"), List.of("z"))));
        assertThat(new TransposeCancellation().apply(g)).isSameAs(g);
    }
}
