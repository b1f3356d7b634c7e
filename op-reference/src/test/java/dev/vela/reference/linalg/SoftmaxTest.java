package dev.vela.reference.linalg;

import static dev.vela.reference.linalg.Fixtures.CLOSE;
import static dev.vela.reference.linalg.Fixtures.dims;
import static dev.vela.reference.linalg.Fixtures.floats;
import static dev.vela.reference.linalg.Fixtures.node;
import static dev.vela.reference.linalg.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

class SoftmaxTest {

    private final Softmax softmax = new Softmax();

    @Test
    void normalisesTheLastAxisByDefaultFromOpset13() {
        Tensor x = floats(dims(2, 3), 1, 2, 3, 0, 0, 0);
        Tensor y = run(softmax, node("Softmax", 13, x).build(), x);
        assertThat(y.shape()).isEqualTo(x.shape());
        assertThat(y.toFloatArray())
                .containsExactly(
                        new float[] {0.0900305732f, 0.244728471f, 0.665240956f, 1 / 3f, 1 / 3f, 1 / 3f}, CLOSE);
    }

    @Test
    void staysFiniteForLargeInputs() {
        Tensor x = floats(dims(1, 2), 1000, 1001);
        Tensor y = run(softmax, node("Softmax", 13, x).build(), x);
        assertThat(y.toFloatArray()).containsExactly(new float[] {0.268941421f, 0.731058579f}, CLOSE);
    }

    @Test
    void worksAlongAnInnerAxisFromOpset13() {
        Tensor x = floats(dims(2, 2), 1, 2, 3, 4);
        Tensor y = run(softmax, node("Softmax", 13, x).attr("axis", 0L).build(), x);
        assertThat(y.toFloatArray())
                .containsExactly(new float[] {0.119202922f, 0.119202922f, 0.880797078f, 0.880797078f}, CLOSE);
        Tensor negative = run(softmax, node("Softmax", 13, x).attr("axis", -2L).build(), x);
        assertThat(negative.toFloatArray()).containsExactly(y.toFloatArray());
    }

    @Test
    void coercesToTwoDimensionsBeforeOpset13() {
        // [2x2x2] with the default axis 1 becomes [2x4]: each row of four is one softmax.
        Tensor x = floats(dims(2, 2, 2), 1, 2, 3, 4, 1, 2, 3, 4);
        float[] row = {0.0320586033f, 0.0871443187f, 0.236882818f, 0.64391426f};
        Tensor y = run(softmax, node("Softmax", 11, x).build(), x);
        assertThat(y.toFloatArray()).containsExactly(concat(row, row), CLOSE);
        // axis 0 makes a single row of all eight elements
        Tensor flat = run(softmax, node("Softmax", 1, x).attr("axis", 0L).build(), x);
        assertThat(flat.toFloatArray()).containsExactly(concat(half(row), half(row)), CLOSE);
        // opset 13 with the same node works on pairs instead
        Tensor pairs = run(softmax, node("Softmax", 13, x).build(), x);
        assertThat(pairs.getDouble(0)).isCloseTo(0.268941421, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void computesFloat64() {
        Tensor x = Tensor.allocate(TensorType.of(DataType.FLOAT64, 3));
        x.doubles().put(new double[] {1, 2, 3});
        Tensor y = run(softmax, node("Softmax", 13, x).build(), x);
        assertThat(y.getDouble(2)).isCloseTo(0.6652409557748219, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void nanPoisonsOnlyItsLane() {
        Tensor x = floats(dims(2, 2), Float.NaN, 1, 5, 5);
        float[] y = run(softmax, node("Softmax", 13, x).build(), x).toFloatArray();
        assertThat(y[0]).isNaN();
        assertThat(y[1]).isNaN();
        assertThat(y[2]).isEqualTo(0.5f);
    }

    @Test
    void refusesAxisOutOfRange() {
        Tensor x = floats(dims(2, 2), 1, 2, 3, 4);
        Node n = node("Softmax", 13, x).name("sm").attr("axis", 2L).build();
        assertThatThrownBy(() -> softmax.prepare(n))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("sm")
                .hasMessageContaining("axis 2");
        assertThatThrownBy(() ->
                        softmax.prepare(node("Softmax", 11, x).attr("axis", -3L).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("axis -3");
    }

    @Test
    void refusesIntegerInput() {
        Tensor x = Tensor.ofInts(dev.vela.spi.Shape.of(2), 1, 2);
        assertThat(softmax.supports(node("Softmax", 13, x).build()).isSupported())
                .isFalse();
    }

    static float[] concat(float[] a, float[] b) {
        float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The softmax of a doubled lane: each value halves. */
    private static float[] half(float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / 2;
        }
        return out;
    }

    @Test
    void betaScalesTheInputAndMustBeFiniteAndPositive() {
        // TFLite SOFTMAX's beta: softmax(beta * x); beta 2 on [1, 2] equals softmax([2, 4])
        Tensor x = floats(dims(1, 2), 1, 2);
        Tensor y = run(softmax, node("Softmax", 13, x).attr("beta", 2f).build(), x);
        assertThat(y.toFloatArray()).containsExactly(new float[] {0.119202922f, 0.880797078f}, CLOSE);
        for (float beta : new float[] {Float.NaN, Float.POSITIVE_INFINITY, 0f, -1f}) {
            Node n = node("Softmax", 13, x).attr("beta", beta).build();
            assertThatThrownBy(() -> softmax.prepare(n))
                    .isInstanceOf(InvalidNodeException.class)
                    .hasMessageContaining("attribute 'beta' must be finite and positive, got " + beta);
        }
    }
}
