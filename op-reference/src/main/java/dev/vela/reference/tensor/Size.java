package dev.vela.reference.tensor;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;

/** ONNX Size: the input's element count as an int64 scalar. */
public final class Size extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Size() {
        super("Size", DataTypes.ALL);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 1, 1);
        long count = node.inputType(0).elementCount();
        return FunctionKernel.of(
                TensorType.of(DataType.INT64), inv -> inv.output(0).longs().put(0, count));
    }
}
