package dev.vela.reference.quantized;

import dev.vela.reference.support.Elements;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;

/**
 * The scale / zero-point inputs of ONNX QuantizeLinear and DequantizeLinear: a scalar (per
 * tensor) or a 1-D tensor along {@code axis} (per axis). Blocked quantization (ONNX 21+
 * {@code block_size}) is refused.
 */
final class AxisParameters {

    /** Size of the slices that share one parameter (product of the dimensions after the axis). */
    final int inner;
    /** Number of parameters (1 for per-tensor). */
    final int count;
    /** The axis, or -1 for per-tensor. */
    final int axis;

    private AxisParameters(int inner, int count, int axis) {
        this.inner = inner;
        this.count = count;
        this.axis = axis;
    }

    static AxisParameters of(Node node, Shape data, int scaleIndex) {
        if (node.attributes().getLong("block_size", 0) != 0) {
            throw new InvalidNodeException(node, "blocked quantization (block_size "
                    + node.attributes().getLong("block_size") + ") is not supported");
        }
        TensorType s = node.inputType(scaleIndex);
        int n = s.shape().elementCount();
        if (s.shape().rank() == 0 || s.shape().rank() == 1 && n == 1 && data.rank() == 0) {
            return new AxisParameters(1, 1, -1);
        }
        if (s.shape().rank() != 1) {
            throw new InvalidNodeException(node, "scale (input " + scaleIndex + ") " + s.shape()
                    + " must be a scalar or 1-D (blocked quantization is not supported)");
        }
        if (n == 1 && !node.attributes().has("axis")) {
            return new AxisParameters(1, 1, -1);
        }
        int axis = dev.vela.reference.support.NodeChecks.axis(node, node.attributes().getLong("axis", 1), data.rank());
        if (data.dim(axis) != n) {
            throw new InvalidNodeException(node, "scale (input " + scaleIndex + ") has " + n + " values but axis " + axis
                    + " of " + data + " has " + data.dim(axis));
        }
        int inner = 1;
        for (int d = axis + 1; d < data.rank(); d++) {
            inner *= data.dim(d);
        }
        return new AxisParameters(inner, n, axis);
    }

    /** @return which parameter element {@code i} of the data uses */
    int parameterOf(int i) {
        return count == 1 ? 0 : (i / inner) % count;
    }

    /** Requires a zero-point input to match the scale's shape. */
    void checkZeroPoint(Node node, int zpIndex) {
        if (node.inputCount() > zpIndex && node.hasInput(zpIndex)
                && node.inputType(zpIndex).shape().elementCount() != count) {
            throw new InvalidNodeException(node, "zero point (input " + zpIndex + ") has "
                    + node.inputType(zpIndex).shape().elementCount() + " values, scale has " + count);
        }
    }

    static double[] values(Tensor t) {
        return Elements.doubles(t);
    }
}
