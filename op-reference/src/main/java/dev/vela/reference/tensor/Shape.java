package dev.vela.reference.tensor;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;
import java.util.Arrays;

/**
 * ONNX Shape: the input's dimensions as a 1-D int64 tensor; from opset 15 {@code start}
 * (default 0) and {@code end} (default rank) select a range, negative values counting from the
 * end and out-of-range ones clamped.
 */
public final class Shape extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Shape() {
        super("Shape", DataTypes.ALL);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 1, 1);
        long[] dims = node.inputType(0).shape().toLongArray();
        int rank = dims.length;
        long start = node.attributes().getLong("start", 0);
        long end = node.attributes().getLong("end", rank);
        start = Math.max(0, Math.min(rank, start < 0 ? start + rank : start));
        end = Math.max(0, Math.min(rank, end < 0 ? end + rank : end));
        long[] selected = end > start ? Arrays.copyOfRange(dims, (int) start, (int) end) : new long[0];
        return FunctionKernel.of(
                TensorType.of(DataType.INT64, selected.length),
                inv -> inv.output(0).longs().put(selected));
    }
}
