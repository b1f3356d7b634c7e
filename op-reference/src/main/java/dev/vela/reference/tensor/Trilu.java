package dev.vela.reference.tensor;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;

/**
 * ONNX Trilu: keeps the upper ({@code upper=1}, default: {@code j - i >= k}) or lower
 * ({@code j - i <= k}) triangle of each matrix in the last two axes and zeroes the rest; the
 * diagonal offset {@code k} is an optional scalar int64 input (default 0).
 */
public final class Trilu extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Trilu() {
        super("Trilu", DataTypes.ALL);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 1, 2);
        TensorType in = node.inputType(0);
        int rank = in.shape().rank();
        if (rank < 2) {
            throw new InvalidNodeException(node, "input must have rank >= 2, got " + in.shape());
        }
        if (node.hasInput(1)) {
            NodeChecks.dataType(node, 1, java.util.Set.of(dev.vela.spi.DataType.INT64));
            if (node.inputType(1).elementCount() != 1) {
                throw new InvalidNodeException(node, "k must be a scalar, got " + node.inputType(1));
            }
        }
        boolean upper = node.attributes().getLong("upper", 1) != 0;
        int rows = in.shape().dim(rank - 2);
        int cols = in.shape().dim(rank - 1);
        int size = in.dataType().byteSize();
        return FunctionKernel.of(in, inv -> invoke(inv, upper, rows, cols, size));
    }

    private static void invoke(Invocation inv, boolean upper, int rows, int cols, int size) {
        long k = inv.hasInput(1) ? inv.input(1).getLong(0) : 0;
        Tensor out = inv.output(0);
        out.copyFrom(inv.input(0));
        ByteBuffer b = out.bytes();
        int matrices = rows * cols == 0 ? 0 : out.elementCount() / (rows * cols);
        byte[] zero = new byte[size];
        for (int m = 0; m < matrices; m++) {
            int base = m * rows * cols;
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    long diff = (long) j - i;
                    boolean keep = upper ? diff >= k : diff <= k;
                    if (!keep) {
                        b.put((base + i * cols + j) * size, zero);
                    }
                }
            }
        }
    }
}
