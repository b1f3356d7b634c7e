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
import dev.vela.spi.DataType;
import dev.vela.spi.Layout;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LayoutConversionTest {

    /** Conv -> Relu -> Conv -> MaxPool, channels first. */
    private static Graph nchw() {
        Random r = new Random(9);
        Attributes pad = Attributes.builder().put("pads", 1L, 1L, 1L, 1L).build();
        return new Graph(
                "g",
                List.of(f32("x", 1, 2, 6, 5)),
                List.of(f32("y", 1, 4, 5, 4)),
                Map.of("W1", random(r, 3, 2, 3, 3), "B1", random(r, 3), "W2", random(r, 4, 3, 1, 1)),
                Map.of(),
                List.of(
                        node("c1", "Conv", pad, List.of("x", "W1", "B1"), List.of("a")),
                        node("r", "Relu", List.of("a"), List.of("b")),
                        node("c2", "Conv", List.of("b", "W2"), List.of("c")),
                        node(
                                "p",
                                "MaxPool",
                                Attributes.builder().put("kernel_shape", 2L, 2L).build(),
                                List.of("c"),
                                List.of("y"))));
    }

    @Test
    void aChainOfSpatialOperatorsKeepsOneTransposeAtEachEnd() {
        Graph g = nchw();
        Graph nhwc = new LayoutConversion(Layout.NHWC).apply(g);
        assertThat(ops(nhwc)).containsExactly("Transpose", "Conv", "Relu", "Conv", "MaxPool", "Transpose");
        assertThat(nhwc.nodes().get(0).attributes().getLongs("perm")).containsExactly(0, 2, 3, 1);
        assertThat(nhwc.nodes().get(5).attributes().getLongs("perm")).containsExactly(0, 3, 1, 2);
        for (GraphNode n : nhwc.nodes().subList(1, 5)) {
            if (!n.op().name().equals("Relu")) {
                assertThat(n.attributes().getString(Layout.ATTRIBUTE))
                        .as(n.name())
                        .isEqualTo("NHWC");
            }
        }
        GraphNode c1 = nhwc.nodes().get(1);
        assertThat(nhwc.initializers().get(c1.inputs().get(1)).shape()).isEqualTo(Shape.of(3, 3, 3, 2));
        assertThat(nhwc.initializers()).doesNotContainKeys("W1", "W2");
        assertSameOutputs(g, nhwc);
    }

    @Test
    void convertingBackRestoresTheOriginalStructure() {
        Graph g = nchw();
        Graph back = new LayoutConversion(Layout.NCHW).apply(new LayoutConversion(Layout.NHWC).apply(g));
        assertThat(ops(back)).containsExactly("Conv", "Relu", "Conv", "MaxPool");
        GraphNode c1 = back.nodes().get(0);
        assertThat(back.initializers().get(c1.inputs().get(1)).toFloatArray())
                .containsExactly(g.initializers().get("W1").toFloatArray());
        assertSameOutputs(g, back);
    }

    @Test
    void constantTransposeMovesElementsByHand() {
        Tensor t = Tensor.ofFloats(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
        Tensor tt = LayoutConversion.transpose(t, new long[] {1, 0});
        assertThat(tt.shape()).isEqualTo(Shape.of(3, 2));
        assertThat(tt.toFloatArray()).containsExactly(1, 4, 2, 5, 3, 6);
    }

    @Test
    void quantizedPoolsKeepTheirDeclaredQuantizationAndExactOutputs() {
        Quantization q = Quantization.perTensor(0.1f, -3);
        ValueSpec x = new ValueSpec("x", DataType.INT8, new long[] {1, 4, 4, 2}, null, q);
        ValueSpec y = new ValueSpec("y", DataType.INT8, new long[] {1, 2, 2, 2}, null, q);
        Graph g = new Graph(
                "g",
                List.of(x),
                List.of(y),
                Map.of(),
                Map.of(),
                List.of(node(
                        "p",
                        "MaxPool",
                        Attributes.builder()
                                .put("kernel_shape", 2L, 2L)
                                .put("strides", 2L, 2L)
                                .put(Layout.ATTRIBUTE, "NHWC")
                                .build(),
                        List.of("x"),
                        List.of("y"))));
        Graph nchw = new LayoutConversion(Layout.NCHW).apply(g);
        assertThat(ops(nchw)).containsExactly("Transpose", "MaxPool", "Transpose");
        assertThat(nchw.nodes().get(1).declaredOutput(0).flatMap(ValueSpec::quantization))
                .contains(q);
        Tensor in = Tensor.allocate(TensorType.of(DataType.INT8, Shape.of(1, 4, 4, 2)));
        Random r = new Random(2);
        for (int i = 0; i < in.elementCount(); i++) {
            in.setLong(i, r.nextInt(256) - 128);
        }
        Tensor expected = PassTesting.run(g, Map.of("x", in)).get("y");
        Tensor actual = PassTesting.run(nchw, Map.of("x", in)).get("y");
        assertThat(actual.type()).isEqualTo(expected.type());
        assertThat(actual.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void graphsAlreadyInTheTargetLayoutAreUnchanged() {
        Graph g = nchw();
        assertThat(new LayoutConversion(Layout.NCHW).apply(g)).isSameAs(g);
    }
}
