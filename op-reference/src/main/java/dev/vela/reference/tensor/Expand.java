package dev.vela.reference.tensor;

import dev.vela.reference.support.Broadcast;
import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.Set;

/**
 * ONNX Expand: broadcasts the input against the shape given as a value input, in both
 * directions (a 1 in the target keeps the input's dimension), so the output shape is the
 * broadcast of both.
 */
public final class Expand extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Expand() {
        super("Expand", DataTypes.ALL);
    }

    @Override
    public Set<Integer> valueInputs(Node node) {
        return Set.of(1);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 2, 2);
        TensorType in = node.inputType(0);
        long[] target = IntegerValues.constant(node, 1);
        for (long d : target) {
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new InvalidNodeException(
                        node, "shape " + java.util.Arrays.toString(target) + " has an invalid dimension " + d);
            }
        }
        Shape outShape = Broadcast.shape(node, in.shape(), Shape.of(target));
        int[] source = Broadcast.sourceIndices(in.shape(), outShape);
        return FunctionKernel.of(
                QuantizedAxes.moved(
                        node,
                        in,
                        outShape,
                        in.quantization()
                                .map(q ->
                                        q.axis() + outShape.rank() - in.shape().rank())
                                .orElse(-1)),
                inv -> Elements.gather(inv.input(0), inv.output(0), source));
    }
}
