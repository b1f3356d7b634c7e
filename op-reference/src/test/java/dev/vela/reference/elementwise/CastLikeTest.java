package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

class CastLikeTest {

    private final CastLike castLike = new CastLike();

    @Test
    void takesTheTypeOfTheSecondInput() {
        Tensor like = Tensor.allocate(TensorType.of(DataType.INT16, 0)); // values are irrelevant
        Tensor out = run(castLike, floats(-2.7f, 40000), like);
        assertThat(out.dataType()).isEqualTo(DataType.INT16);
        assertThat(longs(out)).containsExactly(-2, 40000 - 65536);
    }

    @Test
    void floatToFloat16AndBack() {
        Tensor half = run(castLike, floats(0.5f, 1f / 3), vector(DataType.FLOAT16, 7));
        assertThat(values(half)).containsExactly(0.5, 1365.0 / 4096);
        assertThat(run(castLike, half, floats(0)).toFloatArray()).containsExactly(0.5f, 1365f / 4096);
    }

    @Test
    void errorPaths() {
        assertRejects(castLike, node("CastLike", floats(1)).build(), "inputs");
    }
}
