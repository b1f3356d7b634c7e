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
 * ONNX ConvInteger: {@code y = conv(x - x_zero_point, w - w_zero_point)} as int32 (wrapping),
 * with an optional per-output-channel weight zero point.
 */
public final class ConvInteger extends ReferenceKernelFactory {

    private static final Set<DataType> TYPES = EnumSet.of(DataType.INT8, DataType.UINT8);

    /** Creates the factory. */
    public ConvInteger() {
        super("ConvInteger", TYPES);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 2, 4);
        TensorType x = NodeChecks.dataType(node, 0, TYPES);
        NodeChecks.dataType(node, 1, TYPES);
        NodeChecks.sameDataType(node, 0, 2);
        NodeChecks.sameDataType(node, 1, 3);
        ConvCore core = ConvCore.of(node, x.shape(), node.inputType(1).shape());
        int m = core.outChannels;
        OnnxParameters.checkCount(node, 2, "x_zero_point", 1);
        OnnxParameters.checkCount(node, 3, "w_zero_point", m);
        return FunctionKernel.of(TensorType.of(DataType.INT32, core.outputShape()), inv -> {
            long[] acc = core.accumulate(
                    IntArrays.read(inv.input(0)),
                    OnnxParameters.ints(inv, 2, 1)[0],
                    IntArrays.read(inv.input(1)),
                    OnnxParameters.ints(inv, 3, m));
            int[] y = new int[acc.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = (int) acc[i];
            }
            IntArrays.write(inv.output(0), y);
        });
    }
}
