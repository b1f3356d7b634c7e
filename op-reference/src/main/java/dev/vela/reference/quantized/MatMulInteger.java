package dev.vela.reference.quantized;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;
import java.util.EnumSet;
import java.util.Set;

/**
 * ONNX MatMulInteger: {@code Y = (A - a_zero_point) x (B - b_zero_point)} as int32 (wrapping);
 * a_zero_point may be per row, b_zero_point per column.
 */
public final class MatMulInteger extends ReferenceKernelFactory {

    private static final Set<DataType> TYPES = EnumSet.of(DataType.INT8, DataType.UINT8);

    /** Creates the factory. */
    public MatMulInteger() {
        super("MatMulInteger", TYPES);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 2, 4);
        TensorType a = NodeChecks.dataType(node, 0, TYPES);
        NodeChecks.dataType(node, 1, TYPES);
        NodeChecks.sameDataType(node, 0, 2);
        NodeChecks.sameDataType(node, 1, 3);
        MatMulCore core = MatMulCore.of(node, a.shape(), node.inputType(1).shape(), false);
        OnnxParameters.checkCount(node, 2, "a_zero_point", core.rows);
        OnnxParameters.checkCount(node, 3, "b_zero_point", core.cols);
        return FunctionKernel.of(TensorType.of(DataType.INT32, core.outputShape), inv -> {
            long[] acc = core.accumulate(
                    IntArrays.read(inv.input(0)),
                    OnnxParameters.ints(inv, 2, core.rows),
                    IntArrays.read(inv.input(1)),
                    OnnxParameters.ints(inv, 3, core.cols));
            int[] y = new int[acc.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = (int) acc[i];
            }
            IntArrays.write(inv.output(0), y);
        });
    }
}
