package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.VelaException;
import org.junit.jupiter.api.Test;

class ModTest {

    private final Mod mod = new Mod();
    // ONNX test_mod_mixed_sign_* inputs
    private final double[] x = {-4, 7, 5, 4, -7, 8};
    private final double[] y = {2, -3, 8, -2, 3, 5};

    private Tensor mod(Tensor a, Tensor b, long fmod) {
        return run(mod, node("Mod", a, b).attr("fmod", fmod).build(), a, b);
    }

    @Test
    void integerModTakesTheDivisorsSign() {
        assertThat(longs(run(mod, vector(DataType.INT32, x), vector(DataType.INT32, y))))
                .containsExactly(0, -2, 5, 0, 2, 3);
        assertThat(longs(run(mod, vector(DataType.INT8, x), vector(DataType.INT8, y))))
                .containsExactly(0, -2, 5, 0, 2, 3);
    }

    @Test
    void fmodTakesTheDividendsSign() {
        assertThat(longs(mod(vector(DataType.INT64, x), vector(DataType.INT64, y), 1)))
                .containsExactly(0, 1, 5, 0, -1, 3);
        assertThat(mod(floats(-4.5f, 7.5f, 5, 1, Float.POSITIVE_INFINITY), floats(2, -3, 8, 0, 2), 1)
                        .toFloatArray())
                .containsExactly(-0.5f, 1.5f, 5, Float.NaN, Float.NaN);
        assertThat(values(mod(vector(DataType.FLOAT16, -4.5), vector(DataType.FLOAT16, 2), 1)))
                .containsExactly(-0.5);
    }

    @Test
    void unsignedAndBroadcast() {
        Tensor big = vector(DataType.UINT64, 0);
        big.setLong(0, -1L); // 2^64 - 1 = 3 * 6148914691236517205
        assertThat(longs(run(mod, big, vector(DataType.UINT64, 3)))).containsExactly(0);
        Tensor a = tensor(DataType.UINT8, dims(2, 2), 250, 7, 9, 10);
        Tensor out = run(mod, a, vector(DataType.UINT8, 4));
        assertThat(out.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(longs(out)).containsExactly(2, 3, 1, 2);
    }

    @Test
    void integerRemainderByZeroFailsNamingTheNode() {
        assertThatThrownBy(() -> run(mod, vector(DataType.INT32, 1), vector(DataType.INT32, 0)))
                .isInstanceOf(VelaException.class)
                .hasMessageContaining("mod_1")
                .hasMessageContaining("by zero");
    }

    @Test
    void errorPaths() {
        Tensor f = floats(1);
        assertRejects(mod, node("Mod", f, f).build(), "fmod=1");
        Node badFmod = node("Mod", vector(DataType.INT32, 1), vector(DataType.INT32, 1))
                .attr("fmod", 2L)
                .build();
        assertRejects(mod, badFmod, "fmod");
        assertRejects(mod, node("Mod", f).attr("fmod", 1L).build(), "inputs");
        assertRejects(
                mod,
                node("Mod", f, vector(DataType.FLOAT64, 1)).attr("fmod", 1L).build(),
                "float64");
    }
}
