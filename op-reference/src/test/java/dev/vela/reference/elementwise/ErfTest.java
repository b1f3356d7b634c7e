package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class ErfTest {

    private final Erf op = new Erf();

    @Test
    void float32() {
        assertThat(run(op, floats(0, 1, -0.5f, 3, 10, Float.NEGATIVE_INFINITY, Float.NaN))
                        .toFloatArray())
                .containsExactly(0, 0.8427008f, -0.5204999f, 0.9999779f, 1, -1, Float.NaN);
    }

    @Test
    void integersTruncate() {
        // erf(5) = 0.99999999999846 truncates to 0; erf(6) is 1 in double
        assertThat(longs(run(op, vector(DataType.INT32, -7, -1, 0, 5, 6, 100)))).containsExactly(-1, 0, 0, 0, 1, 1);
        assertThat(longs(run(op, vector(DataType.UINT8, 0, 255)))).containsExactly(0, 1);
    }

    @Test
    void float64IsAccurateToDoublePrecision() {
        double[] x = {0.01, 0.5, 1, 2, 3, 4.5, -1};
        double[] expected = {
            0.011283415555849616,
            0.5204998778130465,
            0.8427007929497149,
            0.9953222650189527,
            0.9999779095030014,
            0.9999999998033839,
            -0.8427007929497149
        };
        double[] out = values(run(op, vector(DataType.FLOAT64, x)));
        for (int i = 0; i < x.length; i++) {
            assertThat(out[i]).as("erf(%s)", x[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-15));
        }
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("Erf", floats(1), floats(1)).build(), "inputs");
        assertRejects(op, node("Erf", vector(DataType.BOOL, 1)).build(), "bool");
    }
}
