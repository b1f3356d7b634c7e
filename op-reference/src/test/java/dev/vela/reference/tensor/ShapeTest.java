package dev.vela.reference.tensor;

import static dev.vela.reference.tensor.TestTensors.iota;
import static dev.vela.reference.tensor.TestTensors.node;
import static dev.vela.reference.tensor.TestTensors.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ShapeTest {

    private final dev.vela.reference.tensor.Shape shapeOp = new dev.vela.reference.tensor.Shape();

    private long[] shape(Tensor x, Long start, Long end) {
        Node.Builder b = node("Shape", 21, new Tensor[] {x});
        if (start != null) {
            b.attr("start", start.longValue());
        }
        if (end != null) {
            b.attr("end", end.longValue());
        }
        Tensor out = run(shapeOp, b.build(), x).get(0);
        assertThat(out.dataType()).isEqualTo(DataType.INT64);
        return out.toLongArray();
    }

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"INT4", "UINT4"})
    void dimensionsOfAnyType(DataType type) {
        assertThat(shape(iota(type, 3, 4, 0), null, null)).containsExactly(3, 4, 0);
    }

    @Test
    void startAndEndSelectClampAndCountFromTheEnd() {
        Tensor x = iota(DataType.FLOAT32, 3, 4, 5);
        assertThat(shape(x, 1L, null)).containsExactly(4, 5);
        assertThat(shape(x, null, 1L)).containsExactly(3);
        assertThat(shape(x, -1L, null)).containsExactly(5);
        assertThat(shape(x, null, -1L)).containsExactly(3, 4);
        assertThat(shape(x, -10L, 10L)).containsExactly(3, 4, 5);
        assertThat(shape(x, 2L, 1L)).isEmpty();
        assertThat(shape(iota(DataType.FLOAT32), null, null)).isEmpty();
    }
}
