package dev.vela.conformance.cases.ops;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.List;

/** Scale and zero-point tensors for ONNX's QLinear* / *Integer / (De)QuantizeLinear inputs, added as constant inputs. */
final class OnnxQuantParams {

    private OnnxQuantParams() {}

    /**
     * @param type the scale's float type
     * @param values the scales
     * @param vector a 1-D tensor (else a scalar; then one value)
     * @return the scale tensor
     */
    static Tensor scales(DataType type, float[] values, boolean vector) {
        Tensor t = Tensor.allocate(TensorType.of(type, vector ? Shape.of(values.length) : Shape.of()));
        for (int i = 0; i < t.elementCount(); i++) {
            t.setDouble(i, values[i]);
        }
        return t;
    }

    /** @return an integer tensor (scalar or 1-D) of zero points */
    static Tensor zeroPoints(DataType type, long[] values, boolean vector) {
        Tensor t = Tensor.allocate(TensorType.of(type, vector ? Shape.of(values.length) : Shape.of()));
        for (int i = 0; i < t.elementCount(); i++) {
            t.setLong(i, values[i]);
        }
        return t;
    }

    /** Adds {@code t} as a constant input and to the case's inputs. */
    static void constant(Node.Builder b, List<Tensor> inputs, Tensor t) {
        b.constantInput(t);
        inputs.add(t);
    }

    /** @return n scales around {@code base} varied by the seed */
    static float[] spread(float base, int n, long seed) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = base * (0.25f + Math.floorMod(seed >> (2 * i % 60), 8) / 4f);
        }
        return s;
    }

    /** @return n zero points of the type: the extremes and the middle, varied by the seed */
    static long[] zeroPoints(DataType type, int n, long seed) {
        long[] z = new long[n];
        long lo = QuantGens.min(type);
        long hi = QuantGens.max(type);
        for (int i = 0; i < n; i++) {
            int pick = Math.floorMod(seed >> (3 * i % 60), 4);
            z[i] = pick == 0
                    ? (lo + hi + 1) / 2
                    : pick == 1 ? lo : pick == 2 ? hi : lo + Math.floorMod(seed >> 7, hi - lo + 1);
        }
        return z;
    }
}
