package dev.vela.reference.tensor;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.Set;

/**
 * ONNX NonZero: the coordinates of the non-zero elements as int64 {@code [rank, count]}, in
 * row-major order (a scalar counts as rank 1, as NumPy does). The count depends on the values, so
 * the input is a value input. NaN is non-zero; -0.0 is zero.
 */
public final class NonZero extends ReferenceKernelFactory {

    /** Creates the factory. */
    public NonZero() {
        super("NonZero", DataTypes.ALL);
    }

    @Override
    public Set<Integer> valueInputs(Node node) {
        return Set.of(0);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 1, 1);
        Tensor x = NodeChecks.constant(node, 0);
        int n = x.elementCount();
        int[] dims = x.shape().rank() == 0 ? new int[] {1} : x.shape().dims();
        int rank = dims.length;
        int[] positions = new int[n];
        int count = 0;
        boolean floating = x.dataType().isFloatingPoint();
        for (int i = 0; i < n; i++) {
            if (floating ? x.getDouble(i) != 0 : x.getLong(i) != 0) {
                positions[count++] = i;
            }
        }
        long[] coords = new long[rank * count];
        int[] strides = dev.vela.spi.Shape.of(dims).strides();
        for (int c = 0; c < count; c++) {
            for (int d = 0; d < rank; d++) {
                coords[d * count + c] = (positions[c] / strides[d]) % dims[d];
            }
        }
        return FunctionKernel.of(
                TensorType.of(DataType.INT64, rank, count),
                inv -> inv.output(0).longs().put(coords));
    }
}
