package dev.vela.reference.quantized;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.NodeChecks;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;

/**
 * The scale / zero-point inputs of ONNX QuantizeLinear and DequantizeLinear: a scalar (per
 * tensor), a 1-D tensor along {@code axis} (per axis), or a tensor of the data's rank whose
 * {@code axis} dimension is {@code ceil(dim / block_size)} (blocked, ONNX 21+). Resolved at
 * prepare time to the parameter index of every data element.
 */
final class AxisParameters {

    /** Number of parameters. */
    final int count;
    /** The axis, or -1 for per-tensor. */
    final int axis;

    private final int[] index;

    private AxisParameters(int count, int axis, int[] index) {
        this.count = count;
        this.axis = axis;
        this.index = index;
    }

    static AxisParameters of(Node node, Shape data, int scaleIndex) {
        TensorType s = node.inputType(scaleIndex);
        int n = s.shape().elementCount();
        long blockSize = node.attributes().getLong("block_size", 0);
        int elements = data.elementCount();
        if (blockSize == 0
                && (s.shape().rank() == 0 || n == 1 && !node.attributes().has("axis"))) {
            return new AxisParameters(1, -1, new int[elements]);
        }
        int axis = NodeChecks.axis(node, node.attributes().getLong("axis", 1), Math.max(data.rank(), 1));
        int[] index = new int[elements];
        if (blockSize == 0) {
            if (s.shape().rank() != 1 || data.dim(axis) != n) {
                throw new InvalidNodeException(
                        node,
                        "scale (input " + scaleIndex + ") " + s.shape()
                                + " must be a scalar or hold one value per slice of axis " + axis + " of " + data);
            }
            int inner = 1;
            for (int d = axis + 1; d < data.rank(); d++) {
                inner *= data.dim(d);
            }
            for (int i = 0; i < elements; i++) {
                index[i] = (i / inner) % n;
            }
            return new AxisParameters(n, axis, index);
        }
        if (blockSize < 0 || s.shape().rank() != data.rank()) {
            throw new InvalidNodeException(
                    node,
                    "blocked quantization needs block_size > 0 and a scale of rank " + data.rank() + ", got block_size "
                            + blockSize + " and scale " + s.shape());
        }
        for (int d = 0; d < data.rank(); d++) {
            int expected = d == axis ? (int) ((data.dim(d) + blockSize - 1) / blockSize) : data.dim(d);
            if (s.shape().dim(d) != expected) {
                throw new InvalidNodeException(
                        node,
                        "scale " + s.shape() + " does not match data " + data + " with block_size " + blockSize
                                + " on axis " + axis);
            }
        }
        int[] dataStrides = data.strides();
        int[] scaleStrides = s.shape().strides();
        for (int i = 0; i < elements; i++) {
            int rest = i;
            int p = 0;
            for (int d = 0; d < data.rank(); d++) {
                int c = rest / dataStrides[d];
                rest -= c * dataStrides[d];
                p += (d == axis ? (int) (c / blockSize) : c) * scaleStrides[d];
            }
            index[i] = p;
        }
        return new AxisParameters(n, axis, index);
    }

    /** @return which parameter element {@code i} of the data uses */
    int parameterOf(int i) {
        return index[i];
    }

    /** Requires a zero-point input to match the scale's shape. */
    void checkZeroPoint(Node node, int zpIndex) {
        if (node.inputCount() > zpIndex
                && node.hasInput(zpIndex)
                && node.inputType(zpIndex).shape().elementCount() != count) {
            throw new InvalidNodeException(
                    node,
                    "zero point (input " + zpIndex + ") has "
                            + node.inputType(zpIndex).shape().elementCount() + " values, scale has " + count);
        }
    }

    static double[] values(Tensor t) {
        return Elements.doubles(t);
    }
}
