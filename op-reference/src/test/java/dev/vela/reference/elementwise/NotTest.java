package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class NotTest {

    private final Not not = new Not();

    @Test
    void negates() {
        Tensor x = Tensor.ofBytes(tensor(DataType.BOOL, dims(2, 2)).type(), (byte) 1, (byte) 0, (byte) 5, (byte) 0);
        Tensor out = run(not, x);
        assertThat(out.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(longs(out)).containsExactly(0, 1, 0, 1);
    }

    @Test
    void errorPaths() {
        assertRejects(not, node("Not", floats(1)).build(), "float32");
        assertRejects(
                not,
                node("Not", vector(DataType.BOOL, 1), vector(DataType.BOOL, 1)).build(),
                "inputs");
    }
}
