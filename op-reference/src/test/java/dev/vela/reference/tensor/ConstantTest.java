package dev.vela.reference.tensor;

import static dev.vela.reference.tensor.TestTensors.run;
import static dev.vela.reference.tensor.TestTensors.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class ConstantTest {

    private final Constant constant = new Constant();

    private Tensor constant(Node.Builder b) {
        return run(constant, b.build()).get(0);
    }

    @Test
    void tensorValueOfAnyType() {
        Tensor v = TestTensors.of(DataType.INT16, new int[] {2, 2}, 1, -2, 3, -4);
        Node.Builder b = Node.builder("Constant").name("c");
        b.attributes().put("value", v);
        Tensor out = constant(b);
        assertThat(out.type()).isEqualTo(v.type());
        assertThat(values(out)).containsExactly(1, -2, 3, -4);
    }

    @Test
    void scalarAndListAttributes() {
        Tensor f = constant(Node.builder("Constant").attr("value_float", 2.5f));
        assertThat(f.shape()).isEqualTo(Shape.scalar());
        assertThat(f.toFloatArray()).containsExactly(2.5f);
        Tensor fs = constant(Node.builder("Constant").attr("value_floats", 1f, 2f));
        assertThat(fs.toFloatArray()).containsExactly(1f, 2f);
        Tensor i = constant(Node.builder("Constant").attr("value_int", 7L));
        assertThat(i.dataType()).isEqualTo(DataType.INT64);
        assertThat(i.shape()).isEqualTo(Shape.scalar());
        assertThat(i.toLongArray()).containsExactly(7);
        Tensor is = constant(Node.builder("Constant").attr("value_ints", 3, -1));
        assertThat(is.shape()).isEqualTo(Shape.of(2));
        assertThat(is.toLongArray()).containsExactly(3, -1);
    }

    @Test
    void refusesStringsAndMissingOrDoubleValues() {
        assertThatThrownBy(() -> constant.prepare(Node.builder("Constant")
                        .name("c1")
                        .attr("value_string", "x")
                        .build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("c1")
                .hasMessageContaining("string");
        assertThatThrownBy(() ->
                        constant.prepare(Node.builder("Constant").name("c2").build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> constant.prepare(Node.builder("Constant")
                        .attr("value_int", 1L)
                        .attr("value_float", 1f)
                        .build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("exactly one");
    }
}
