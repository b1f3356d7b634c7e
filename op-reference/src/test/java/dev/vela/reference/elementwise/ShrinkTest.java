package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class ShrinkTest {

    private final Shrink op = new Shrink();
    private final Tensor x = floats(-2, -1, 0, 1, 2);

    @Test
    void hard() {
        // ONNX test_shrink_hard: lambd 1.5 -> [-2, 0, 0, 0, 2]
        assertThat(run(op, node("Shrink", x).attr("lambd", 1.5f).build(), x).toFloatArray())
                .containsExactly(-2, 0, 0, 0, 2);
    }

    @Test
    void soft() {
        // ONNX test_shrink_soft: lambd 1.5, bias 1.5 -> [-0.5, 0, 0, 0, 0.5]
        assertThat(run(
                                op,
                                node("Shrink", x)
                                        .attr("lambd", 1.5f)
                                        .attr("bias", 1.5f)
                                        .build(),
                                x)
                        .toFloatArray())
                .containsExactly(-0.5f, 0, 0, 0, 0.5f);
    }

    @Test
    void defaultsAndNan() {
        // lambd 0.5, bias 0
        assertThat(run(op, floats(-0.6f, 0.5f, 0.7f, Float.NaN)).toFloatArray())
                .containsExactly(-0.6f, 0, 0.7f, Float.NaN);
    }

    @Test
    void integersTruncateTheRealResult() {
        // lambd 1.5, bias 0.5: -3 -> -2.5 -> -2; -1 -> 0; 2 -> 1.5 -> 1; 127 -> 126.5 -> 126
        Tensor i = vector(DataType.INT8, -3, -1, 2, 127);
        assertThat(longs(run(
                        op,
                        node("Shrink", i).attr("lambd", 1.5f).attr("bias", 0.5f).build(),
                        i)))
                .containsExactly(-2, 0, 1, 126);
        // uint64 above 2^63 is read unsigned: 2^63 + 4096 - 2048 (values and result exact in double)
        Tensor u = vector(DataType.UINT64, 0, 0);
        u.setLong(0, Long.MIN_VALUE + 4096);
        assertThat(longs(run(op, node("Shrink", u).attr("bias", 2048.0f).build(), u)))
                .containsExactly(Long.MIN_VALUE + 2048, 0);
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("Shrink", vector(DataType.BOOL, 1)).build(), "bool");
    }
}
