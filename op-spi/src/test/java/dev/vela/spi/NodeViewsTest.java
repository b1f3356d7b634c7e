package dev.vela.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeViewsTest {

    private static final TensorType INT8_IN =
            TensorType.quantized(DataType.INT8, Shape.of(1, 4), Quantization.perTensor(0.5f, -3));
    private static final TensorType INT8_OUT =
            TensorType.quantized(DataType.INT8, Shape.of(1, 2), Quantization.perTensor(0.25f, 7));
    private static final Tensor WEIGHTS = Tensor.ofFloats(Shape.of(4, 2), 1, 2, 3, 4, 5, 6, 7, 8);

    @Test
    void withAttributesReplacesOnlyTheAttributes() {
        Node original = Node.builder("Gemm")
                .name("fc1")
                .opset(13)
                .input(INT8_IN)
                .constantInput(WEIGHTS)
                .outputQuantization(0, Quantization.perTensor(0.25f, 7))
                .outputDataType(0, DataType.INT8)
                .attr("activation", "RELU")
                .attr("alpha", 2f)
                .build();
        Attributes stripped = Attributes.builder().put("alpha", 2f).build();

        Node seen = original.withAttributes(stripped);

        assertThat(seen.attributes()).isSameAs(stripped);
        assertThat(seen.attributes().has("activation")).isFalse();
        assertThat(original.attributes().has("activation")).isTrue();
        assertThat(seen.name()).isEqualTo("fc1");
        assertThat(seen.op()).isEqualTo(OpId.of("Gemm"));
        assertThat(seen.opsetVersion()).isEqualTo(13);
        assertThat(seen.inputCount()).isEqualTo(2);
        assertThat(seen.inputType(0)).isEqualTo(INT8_IN);
        assertThat(seen.inputValue(1)).isPresent();
        assertThat(seen.inputValue(0)).isEmpty();
        assertThat(seen.outputQuantization(0)).contains(Quantization.perTensor(0.25f, 7));
        assertThat(seen.outputDataType(0)).contains(DataType.INT8);
        assertThat(seen.describe()).isEqualTo(original.describe());
    }

    @Test
    void asNodeTakesConstantsDeclaredTypesAndKnownTypesFirst() {
        GraphView graph = new TwoNodeGraph();
        ViewNode fc = graph.nodes().get(1);

        Node declared = graph.asNode(fc);
        assertThat(declared.name()).isEqualTo("fc");
        assertThat(declared.inputCount()).isEqualTo(3);
        assertThat(declared.hasInput(2)).isFalse();
        assertThat(declared.inputType(1)).isEqualTo(WEIGHTS.type());
        assertThat(declared.inputValue(1)).isPresent();
        assertThat(declared.outputQuantization(0)).contains(Quantization.perTensor(0.25f, 7));
        assertThat(declared.outputDataType(0)).contains(DataType.INT8);
        assertThat(declared.outputQuantization(5)).isEmpty();
        assertThatThrownBy(() -> declared.inputType(0))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("node 'fc' (Gemm)")
                .hasMessageContaining("input 'hidden' has no known type");
        assertThatThrownBy(() -> declared.inputType(2))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("input 2 is absent");
        assertThatThrownBy(() -> declared.attributes().getInt("missing")).hasMessageContaining("node 'fc' (Gemm)");

        Node planned = graph.asNode(fc, Map.of("hidden", INT8_IN));
        assertThat(planned.inputType(0)).isEqualTo(INT8_IN);
    }

    /** x -> Relu -> hidden (shape left open) -> Gemm(hidden, w) -> y. */
    private static final class TwoNodeGraph implements GraphView {

        @Override
        public List<ViewNode> nodes() {
            return List.of(
                    node(0, "relu", "Relu", List.of("x"), List.of("hidden")),
                    node(1, "fc", "Gemm", List.of("hidden", "w", ""), List.of("y")));
        }

        @Override
        public Optional<TensorType> valueType(String value) {
            return switch (value) {
                case "x" -> Optional.of(INT8_IN);
                case "y" -> Optional.of(INT8_OUT);
                default -> Optional.empty();
            };
        }

        @Override
        public Optional<Tensor> constant(String value) {
            return value.equals("w") ? Optional.of(WEIGHTS) : Optional.empty();
        }

        @Override
        public boolean isGraphOutput(String value) {
            return value.equals("y");
        }

        private static ViewNode node(int index, String name, String op, List<String> in, List<String> out) {
            return new ViewNode() {
                @Override
                public int index() {
                    return index;
                }

                @Override
                public String name() {
                    return name;
                }

                @Override
                public OpId op() {
                    return OpId.of(op);
                }

                @Override
                public int opsetVersion() {
                    return 13;
                }

                @Override
                public Attributes attributes() {
                    return Attributes.builder().build();
                }

                @Override
                public List<String> inputs() {
                    return in;
                }

                @Override
                public List<String> outputs() {
                    return out;
                }
            };
        }
    }
}
