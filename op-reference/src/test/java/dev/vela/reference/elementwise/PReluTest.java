package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class PReluTest {

    private final PRelu prelu = new PRelu();

    @Test
    void slopeBroadcastsToX() {
        Tensor x = tensor(DataType.FLOAT32, dims(2, 3), -1, 2, -3, -4, 0, 6);
        Tensor slope = floats(0.5f, 2, 0.25f);
        Tensor out = run(prelu, x, slope);
        assertThat(out.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(out.toFloatArray()).containsExactly(-0.5f, 2, -0.75f, -2, 0, 6);
    }

    @Test
    void perChannelSlope() {
        // NCHW [1, 2, 1, 2] with slope [2, 1, 1]: channel 0 slope 0.1, channel 1 slope 10
        Tensor x = tensor(DataType.FLOAT32, dims(1, 2, 1, 2), -1, 1, -1, 1);
        Tensor slope = tensor(DataType.FLOAT32, dims(2, 1, 1), 0.1, 10);
        assertThat(run(prelu, x, slope).toFloatArray()).containsExactly(-0.1f, 1, -10, 1);
    }

    @Test
    void aVectorSlopeIsPerChannelBeforeOpset7() {
        Tensor x = tensor(DataType.FLOAT32, dims(1, 2, 3), -1, -1, -1, -1, 2, -1);
        Tensor slope = floats(0.5f, 3);
        Node legacy = node("PRelu", x, slope).opset(6).build();
        assertThat(run(prelu, legacy, x, slope).toFloatArray()).containsExactly(-0.5f, -0.5f, -0.5f, -3, 2, -3);
        assertRejects(prelu, node("PRelu", x, slope).opset(9).build(), "cannot be broadcast");
    }

    @Test
    void nanStaysNan() {
        assertThat(run(prelu, floats(Float.NaN, -2), floats(3)).toFloatArray()).containsExactly(Float.NaN, -6);
    }

    @Test
    void integers() {
        assertThat(longs(run(prelu, vector(DataType.INT32, -4, 5), vector(DataType.INT32, 3))))
                .containsExactly(-12, 5);
        Tensor big = vector(DataType.UINT64, 0);
        big.setLong(0, -4L); // 2^64 - 4 is positive for uint64, so unchanged
        assertThat(longs(run(prelu, big, vector(DataType.UINT64, 3)))).containsExactly(-4L);
    }

    @Test
    void errorPaths() {
        assertRejects(prelu, node("PRelu", floats(1)).build(), "inputs");
        // slope may not grow X: unidirectional broadcasting
        assertRejects(
                prelu,
                node("PRelu", floats(1), tensor(DataType.FLOAT32, dims(2, 1))).build(),
                "does not broadcast");
        assertRejects(prelu, node("PRelu", floats(1, 2), floats(1, 2, 3)).build(), "broadcast");
        assertRejects(
                prelu, node("PRelu", floats(1), vector(DataType.FLOAT64, 1)).build(), "float64");
        assertRejects(
                prelu,
                node("PRelu", vector(DataType.INT8, 1), vector(DataType.INT8, 1))
                        .build(),
                "int8");
    }
}
