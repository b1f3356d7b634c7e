package dev.vela.reference.tensor;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.Arrays;
import java.util.Set;

/**
 * ONNX ConstantOfShape: a tensor of the shape given by the int64 value input, every element the
 * one-element {@code value} attribute (float32 0 by default), of that attribute's type.
 */
public final class ConstantOfShape extends ReferenceKernelFactory {

    /** Creates the factory. */
    public ConstantOfShape() {
        super("ConstantOfShape", DataTypes.ALL);
    }

    @Override
    public Set<Integer> valueInputs(Node node) {
        return Set.of(0);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 1, 1);
        long[] dims = IntegerValues.constant(node, 0);
        if (node.inputType(0).shape().rank() != 1) {
            throw new InvalidNodeException(
                    node,
                    "the shape input must be 1-D, got " + node.inputType(0).shape());
        }
        for (long d : dims) {
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new InvalidNodeException(
                        node, "shape " + Arrays.toString(dims) + " has an invalid dimension " + d);
            }
        }
        Tensor value = node.attributes().has("value")
                ? node.attributes().getTensor("value")
                : Tensor.allocate(TensorType.of(DataType.FLOAT32, 1));
        if (value.elementCount() != 1) {
            throw new InvalidNodeException(node, "value must hold one element, got " + value.type());
        }
        byte[] element = value.toByteArray();
        TensorType out = QuantizedAxes.moved(node, value.type(), Shape.of(dims), -1);
        return FunctionKernel.of(out, inv -> {
            java.nio.ByteBuffer b = inv.output(0).bytes();
            int n = inv.output(0).elementCount();
            for (int i = 0; i < n; i++) {
                b.put(i * element.length, element);
            }
        });
    }
}
