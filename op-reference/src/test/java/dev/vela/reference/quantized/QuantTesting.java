package dev.vela.reference.quantized;

import dev.vela.reference.ReferenceTesting;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;

/** Builders for quantized test tensors and a one-output runner. */
final class QuantTesting {

    private QuantTesting() {}

    static Tensor q(DataType type, Shape shape, Quantization q, long... values) {
        Tensor t = Tensor.allocate(TensorType.quantized(type, shape, q));
        for (int i = 0; i < values.length; i++) {
            t.setLong(i, values[i]);
        }
        if (values.length != shape.elementCount()) {
            throw new IllegalArgumentException("need " + shape.elementCount() + " values");
        }
        return t;
    }

    static Tensor int8(Shape shape, float scale, long zp, long... values) {
        return q(DataType.INT8, shape, Quantization.perTensor(scale, zp), values);
    }

    static Tensor int16(Shape shape, float scale, long... values) {
        return q(DataType.INT16, shape, Quantization.perTensor(scale, 0), values);
    }

    static Tensor uint8(Shape shape, float scale, long zp, long... values) {
        return q(DataType.UINT8, shape, Quantization.perTensor(scale, zp), values);
    }

    static Tensor int32(Shape shape, Quantization q, int... values) {
        Tensor t = Tensor.allocate(
                q == null ? TensorType.of(DataType.INT32, shape) : TensorType.quantized(DataType.INT32, shape, q));
        t.ints().put(values);
        return t;
    }

    static Tensor int64(Shape shape, Quantization q, long... values) {
        Tensor t = Tensor.allocate(
                q == null ? TensorType.of(DataType.INT64, shape) : TensorType.quantized(DataType.INT64, shape, q));
        t.longs().put(values);
        return t;
    }

    /** A node whose inputs are the given tensors (constants) with output quantization attributes. */
    static Node.Builder node(String op, float outScale, long outZp, Tensor... inputs) {
        Node.Builder b = Node.builder(dev.vela.spi.OpId.parse(op))
                .name(op.toLowerCase() + "_under_test")
                .attr(QuantizedTensors.OUTPUT_SCALE, outScale)
                .attr(QuantizedTensors.OUTPUT_ZERO_POINT, outZp);
        for (Tensor t : inputs) {
            if (t == null) {
                b.absentInput();
            } else {
                b.constantInput(t);
            }
        }
        return b;
    }

    static Tensor run1(KernelFactory f, Node node, Tensor... inputs) {
        return ReferenceTesting.run(f, node, inputs).get(0);
    }

    static long[] values(Tensor t) {
        long[] out = new long[t.elementCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getLong(i);
        }
        return out;
    }
}
