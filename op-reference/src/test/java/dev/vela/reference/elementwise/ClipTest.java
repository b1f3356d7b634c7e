package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class ClipTest {

    private final Clip clip = new Clip();

    @Test
    void boundsAsInputs() {
        // ONNX test_clip_example: [-2, 0, 2] clipped to [-1, 1]
        Tensor x = floats(-2, 0, 2, Float.NaN, Float.NEGATIVE_INFINITY);
        Tensor out = run(clip, x, scalar(DataType.FLOAT32, -1), scalar(DataType.FLOAT32, 1));
        assertThat(out.toFloatArray()).containsExactly(-1, 0, 1, Float.NaN, -1);
    }

    @Test
    void minGreaterThanMaxGivesMax() {
        // ONNX test_clip_min_greater_than_max: min 2, max 1 -> every element is 1
        Tensor x = floats(-2, 0, 6);
        assertThat(run(clip, x, scalar(DataType.FLOAT32, 2), scalar(DataType.FLOAT32, 1))
                        .toFloatArray())
                .containsExactly(1, 1, 1);
    }

    @Test
    void absentBoundsAreUnbounded() {
        Tensor x = floats(-1e30f, 5, 1e30f);
        Tensor max = scalar(DataType.FLOAT32, 0);
        Node onlyMax = node("Clip", x, null, max).build();
        assertThat(run(clip, onlyMax, x, null, max).toFloatArray()).containsExactly(-1e30f, 0, 0);
        Tensor min = floats(0); // a one-element vector is accepted too
        assertThat(run(clip, x, min).toFloatArray()).containsExactly(0, 5, 1e30f);
        assertThat(run(clip, x).toFloatArray()).containsExactly(-1e30f, 5, 1e30f);
    }

    @Test
    void boundsAreReadAtEachInvocation() {
        Tensor x = floats(-5, 5);
        Node n = node("Clip", x, floats(0), floats(0)).build();
        assertThat(run(clip, n, x, floats(-1), floats(1)).toFloatArray()).containsExactly(-1, 1);
        assertThat(run(clip, n, x, floats(-3), floats(4)).toFloatArray()).containsExactly(-3, 4);
    }

    @Test
    void integerTypes() {
        // ONNX test_clip_default_int8_min: absent max is the type's maximum
        Tensor x = vector(DataType.INT8, -128, -3, 0, 127);
        assertThat(longs(run(clip, x, scalar(DataType.INT8, -2)))).containsExactly(-2, -2, 0, 127);
        Tensor u = vector(DataType.UINT64, 0, 7);
        u.setLong(0, -1L); // 2^64 - 1 is above max 10
        assertThat(longs(run(clip, u, scalar(DataType.UINT64, 8), scalar(DataType.UINT64, 10))))
                .containsExactly(10, 8);
        assertThat(longs(run(clip, vector(DataType.INT32, 5, -5)))).containsExactly(5, -5);
    }

    @Test
    void opset6UsesAttributes() {
        Tensor x = floats(-2, 0.5f, 2);
        Node n = node("Clip", x).opset(6).attr("min", -1.0f).attr("max", 1.0f).build();
        assertThat(run(clip, n, x).toFloatArray()).containsExactly(-1, 0.5f, 1);
        Node defaults = node("Clip", x).opset(6).build();
        assertThat(run(clip, defaults, floats(Float.NEGATIVE_INFINITY, 3, Float.POSITIVE_INFINITY))
                        .toFloatArray())
                .containsExactly(-Float.MAX_VALUE, 3, Float.MAX_VALUE);
    }

    @Test
    void errorPaths() {
        Tensor x = floats(1, 2);
        assertRejects(clip, node("Clip").build(), "inputs");
        assertRejects(clip, node("Clip", x, floats(0), floats(1), floats(2)).build(), "inputs");
        assertRejects(clip, node("Clip", x, vector(DataType.FLOAT64, 0)).build(), "float64");
        assertRejects(clip, node("Clip", x, floats(0, 1)).build(), "one element");
        assertRejects(clip, node("Clip", vector(DataType.BOOL, 1)).build(), "bool");
        assertRejects(clip, node("Clip", vector(DataType.INT32, 1)).opset(6).build(), "int32");
        assertRejects(clip, node("Clip", x, floats(0)).opset(6).build(), "inputs");
    }
}
