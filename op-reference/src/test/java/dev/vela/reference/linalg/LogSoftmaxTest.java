package dev.vela.reference.linalg;

import static dev.vela.reference.linalg.Fixtures.CLOSE;
import static dev.vela.reference.linalg.Fixtures.dims;
import static dev.vela.reference.linalg.Fixtures.floats;
import static dev.vela.reference.linalg.Fixtures.node;
import static dev.vela.reference.linalg.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class LogSoftmaxTest {

    private final LogSoftmax logSoftmax = new LogSoftmax();

    @Test
    void computesLogOfSoftmaxOnTheLastAxis() {
        Tensor x = floats(dims(1, 3), 1, 2, 3);
        Tensor y = run(logSoftmax, node("LogSoftmax", 13, x).build(), x);
        assertThat(y.toFloatArray()).containsExactly(new float[] {-2.40760596f, -1.40760596f, -0.407605964f}, CLOSE);
    }

    @Test
    void staysFiniteWhereSoftmaxUnderflows() {
        // softmax(-1000, 0) rounds to 0 in float; its log must still be -1000.
        Tensor x = floats(dims(2, 2), 1000, 1001, -1000, 0);
        Tensor y = run(logSoftmax, node("LogSoftmax", 13, x).build(), x);
        assertThat(y.toFloatArray()).containsExactly(new float[] {-1.31326169f, -0.313261688f, -1000, 0}, CLOSE);
    }

    @Test
    void usesAxisFromOpset13AndCoercionBefore() {
        Tensor x = floats(dims(2, 2), 1, 2, 3, 4);
        Tensor columns =
                run(logSoftmax, node("LogSoftmax", 13, x).attr("axis", 0L).build(), x);
        assertThat(columns.toFloatArray())
                .containsExactly(new float[] {-2.12692801f, -2.12692801f, -0.126928011f, -0.126928011f}, CLOSE);
        Tensor flat = run(logSoftmax, node("LogSoftmax", 11, x).attr("axis", 0L).build(), x);
        assertThat(flat.toFloatArray())
                .containsExactly(new float[] {-3.4401897f, -2.4401897f, -1.4401897f, -0.440189699f}, CLOSE);
        Tensor rows = run(logSoftmax, node("LogSoftmax", 11, x).build(), x);
        assertThat(rows.toFloatArray())
                .containsExactly(new float[] {-1.31326169f, -0.313261688f, -1.31326169f, -0.313261688f}, CLOSE);
    }

    @Test
    void refusesAxisOutOfRange() {
        Tensor x = floats(dims(3), 1, 2, 3);
        assertThatThrownBy(() -> logSoftmax.prepare(
                        node("LogSoftmax", 13, x).attr("axis", 1L).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("axis 1");
        // before opset 13 the default axis 1 does not exist for a 1-D input
        assertThatThrownBy(() -> logSoftmax.prepare(node("LogSoftmax", 11, x).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("axis 1");
    }
}
