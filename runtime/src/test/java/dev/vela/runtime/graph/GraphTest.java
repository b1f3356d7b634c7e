package dev.vela.runtime.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.OpId;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphTest {

    private static GraphNode node(String name, String op, List<String> in, List<String> out) {
        return new GraphNode(name, OpId.of(op), 17, Attributes.empty(), in, out);
    }

    private static ValueSpec spec(String name) {
        return new ValueSpec(name, DataType.FLOAT32, new long[] {2}, null);
    }

    @Test
    void sortsNodesTopologically() {
        GraphNode b = node("b", "Relu", List.of("t"), List.of("y"));
        GraphNode a = node("a", "Add", List.of("x", "w"), List.of("t"));
        Graph g = new Graph(
                "g",
                List.of(spec("x")),
                List.of(spec("y")),
                Map.of("w", Tensor.ofFloats(Shape.of(2), 1, 2)),
                Map.of(),
                List.of(b, a));
        assertThat(g.nodes()).extracting(GraphNode::name).containsExactly("a", "b");
    }

    @Test
    void nodesGetTheDeclaredTypeAndQuantizationOfTheirOutputs() {
        dev.vela.spi.Quantization q = dev.vela.spi.Quantization.perTensor(0.25f, 3);
        ValueSpec t = new ValueSpec("t", DataType.INT8, new long[] {2}, null, q);
        ValueSpec y = new ValueSpec("y", DataType.INT16, new long[] {2}, null, q);
        GraphNode a = node("a", "Add", List.of("x", "x"), List.of("t"));
        GraphNode b = node("b", "Relu", List.of("t"), List.of("y"));
        GraphNode c = node("c", "Relu", List.of("t"), List.of("u"));
        Graph g = new Graph("g", List.of(spec("x")), List.of(y), Map.of(), Map.of("t", t), List.of(a, b, c));
        Map<String, GraphNode> byName = new java.util.HashMap<>();
        g.nodes().forEach(n -> byName.put(n.name(), n));
        assertThat(byName.get("a").declaredOutput(0)).contains(t); // from value info
        assertThat(byName.get("b").declaredOutput(0).orElseThrow().dataType()).isEqualTo(DataType.INT16); // output
        assertThat(byName.get("b").declaredOutput(0).orElseThrow().quantization())
                .contains(q);
        assertThat(byName.get("c").declaredOutputs()).isEmpty(); // nothing declared for 'u'
        assertThat(byName.get("c").declaredOutput(0)).isEmpty();
        assertThat(t).isNotEqualTo(new ValueSpec("t", DataType.INT8, new long[] {2}, null));
        assertThat(t.toString()).contains("int8[2]").contains("0.25");
    }

    @Test
    void sortsVeryLongChainsWithoutRecursion() {
        List<GraphNode> nodes = new ArrayList<>();
        int n = 200_000;
        for (int i = n - 1; i >= 0; i--) {
            nodes.add(node("n" + i, "Relu", List.of(i == 0 ? "x" : "t" + (i - 1)), List.of("t" + i)));
        }
        Graph g = new Graph("chain", List.of(spec("x")), List.of(spec("t" + (n - 1))), Map.of(), Map.of(), nodes);
        assertThat(g.nodes().get(0).name()).isEqualTo("n0");
        assertThat(g.nodes().get(n - 1).name()).isEqualTo("n" + (n - 1));
    }

    @Test
    void missingTensorNamesNodeAndTensor() {
        assertThatThrownBy(() -> new Graph(
                        "g",
                        List.of(spec("x")),
                        List.of(spec("y")),
                        Map.of(),
                        Map.of(),
                        List.of(node("add", "Add", List.of("x", "ghost"), List.of("y")))))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("node 'add' (Add)")
                .hasMessageContaining("'ghost'");
    }

    @Test
    void duplicateProducerNamesBothNodes() {
        assertThatThrownBy(() -> new Graph(
                        "g",
                        List.of(spec("x")),
                        List.of(spec("y")),
                        Map.of(),
                        Map.of(),
                        List.of(
                                node("r1", "Relu", List.of("x"), List.of("y")),
                                node("r2", "Relu", List.of("x"), List.of("y")))))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("node 'r2'")
                .hasMessageContaining("node 'r1'")
                .hasMessageContaining("'y'");
    }

    @Test
    void producingAGraphInputIsADuplicateProducer() {
        assertThatThrownBy(() -> new Graph(
                        "g",
                        List.of(spec("x")),
                        List.of(spec("x")),
                        Map.of(),
                        Map.of(),
                        List.of(node("r", "Relu", List.of("x"), List.of("x")))))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("node 'r'")
                .hasMessageContaining("'x'")
                .hasMessageContaining("graph input");
    }

    @Test
    void cycleNamesANodeAndTensor() {
        assertThatThrownBy(() -> new Graph(
                        "g",
                        List.of(spec("x")),
                        List.of(spec("b")),
                        Map.of(),
                        Map.of(),
                        List.of(
                                node("n1", "Add", List.of("x", "b"), List.of("a")),
                                node("n2", "Relu", List.of("a"), List.of("b")))))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("cycle")
                .hasMessageContaining("node 'n")
                .hasMessageMatching("(?s).*tensor '[ab]'.*");
    }

    @Test
    void selfLoopIsACycle() {
        assertThatThrownBy(() -> new Graph(
                        "g",
                        List.of(spec("x")),
                        List.of(spec("a")),
                        Map.of(),
                        Map.of(),
                        List.of(node("self", "Add", List.of("x", "a"), List.of("a")))))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("cycle")
                .hasMessageContaining("'self'");
    }

    @Test
    void outputWithoutSourceIsRefused() {
        assertThatThrownBy(() -> new Graph(
                        "g",
                        List.of(spec("x")),
                        List.of(spec("nowhere")),
                        Map.of(),
                        Map.of(),
                        List.of(node("r", "Relu", List.of("x"), List.of("y")))))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("output 'nowhere'");
    }

    @Test
    void emptyInputNamesAreOmittedOptionalInputs() {
        Graph g = new Graph(
                "g",
                List.of(spec("x")),
                List.of(spec("y")),
                Map.of(),
                Map.of(),
                List.of(node("c", "Clip", List.of("x", "", ""), List.of("y"))));
        assertThat(g.nodes()).hasSize(1);
    }
}
