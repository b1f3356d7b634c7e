package dev.vela.reference.quantized;

import dev.vela.reference.support.Elements;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Node;

/** Reads the scale and zero-point inputs of ONNX's QLinear* and *Integer operators at invoke time. */
final class OnnxParameters {

    private OnnxParameters() {}

    /** Requires input {@code index}, if present, to hold 1 or {@code channels} values. */
    static void checkCount(Node node, int index, String what, int channels) {
        if (node.inputCount() > index && node.hasInput(index)) {
            int n = node.inputType(index).shape().elementCount();
            if (n != 1 && n != channels) {
                throw new InvalidNodeException(
                        node, what + " (input " + index + ") has " + n + " values, expected 1 or " + channels);
            }
        }
    }

    /** @return the values of input {@code index} broadcast to {@code channels}, or zeros if absent */
    static int[] ints(Invocation inv, int index, int channels) {
        int[] out = new int[channels];
        if (!inv.hasInput(index)) {
            return out;
        }
        long[] v = Elements.longs(inv.input(index));
        for (int i = 0; i < channels; i++) {
            out[i] = (int) v[v.length == 1 ? 0 : i];
        }
        return out;
    }

    /** @return the values of float input {@code index} broadcast to {@code channels}, as float32 */
    static float[] floats(Invocation inv, int index, int channels) {
        double[] v = Elements.doubles(inv.input(index));
        float[] out = new float[channels];
        for (int i = 0; i < channels; i++) {
            out[i] = (float) v[v.length == 1 ? 0 : i];
        }
        return out;
    }

    /**
     * ONNX reference requantization: {@code clip(acc * float32(s_x * s_w / s_y) + zp)} rounded half
     * to even (numpy {@code rint}); the product with the int32 accumulator is taken in double.
     */
    static int requantize(long acc, float multiplier, int zeroPoint, int lo, int hi) {
        double r = (double) (int) acc * (double) multiplier + zeroPoint;
        r = Math.max(lo, Math.min(hi, r));
        return (int) Math.rint(r);
    }
}
