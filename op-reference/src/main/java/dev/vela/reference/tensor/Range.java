package dev.vela.reference.tensor;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.EnumSet;
import java.util.Set;

/**
 * ONNX Range: {@code start + i * delta} for {@code i < max(ceil((limit - start) / delta), 0)}. The
 * three scalar inputs are value inputs because they decide the length. Integer types compute
 * exactly in long; floating types compute each element in double and round once.
 */
public final class Range extends ReferenceKernelFactory {

    private static final Set<DataType> TYPES = EnumSet.of(
            DataType.FLOAT32,
            DataType.FLOAT64,
            DataType.FLOAT16,
            DataType.BFLOAT16,
            DataType.INT16,
            DataType.INT32,
            DataType.INT64);

    /** Creates the factory. */
    public Range() {
        super("Range", TYPES);
    }

    @Override
    public Set<Integer> valueInputs(Node node) {
        return Set.of(0, 1, 2);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 3, 3);
        DataType type = NodeChecks.dataType(node, 0, TYPES).dataType();
        NodeChecks.sameDataType(node, 0, 1, 2);
        Tensor start = scalar(node, 0);
        Tensor limit = scalar(node, 1);
        Tensor delta = scalar(node, 2);
        if (type.isFloatingPoint()) {
            double s = start.getDouble(0);
            double d = delta.getDouble(0);
            if (d == 0 || Double.isNaN(d)) {
                throw new InvalidNodeException(node, "delta must be non-zero, got " + d);
            }
            int n = length(node, Math.ceil((limit.getDouble(0) - s) / d));
            return FunctionKernel.of(TensorType.of(type, n), inv -> {
                Tensor out = inv.output(0);
                for (int i = 0; i < n; i++) {
                    out.setDouble(i, s + i * d);
                }
            });
        }
        long s = start.getLong(0);
        long d = delta.getLong(0);
        if (d == 0) {
            throw new InvalidNodeException(node, "delta must be non-zero");
        }
        long span = limit.getLong(0) - s;
        long count = span / d + (span % d != 0 && (span > 0) == (d > 0) ? 1 : 0);
        int n = length(node, count);
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = s + i * d;
        }
        return FunctionKernel.of(TensorType.of(type, n), inv -> Elements.putLongs(inv.output(0), values));
    }

    private static Tensor scalar(Node node, int index) {
        Tensor t = NodeChecks.constant(node, index);
        if (t.elementCount() != 1) {
            throw new InvalidNodeException(node, "input " + index + " must be a scalar, got " + t.type());
        }
        return t;
    }

    private static int length(Node node, double count) {
        if (Double.isNaN(count) || count > Integer.MAX_VALUE) {
            throw new InvalidNodeException(node, "range length " + count + " is not representable");
        }
        return (int) Math.max(count, 0);
    }
}
