package dev.vela.reference.tensor;

import dev.vela.reference.support.Elements;
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
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * ONNX Compress: keeps the slices along {@code axis} whose entry in the 1-D bool
 * {@code condition} is true (without {@code axis}, the elements of the flattened input). A
 * condition shorter than the axis drops the rest. The condition decides the output shape, so it is
 * a value input.
 */
public final class Compress extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Compress() {
        super("Compress", DataTypes.ALL);
    }

    @Override
    public Set<Integer> valueInputs(Node node) {
        return Set.of(1);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 2, 2);
        TensorType in = node.inputType(0);
        NodeChecks.dataType(node, 1, Set.of(DataType.BOOL));
        NodeChecks.rank(node, 1, 1);
        Tensor condition = NodeChecks.constant(node, 1);
        boolean flatten = !node.attributes().has("axis");
        int[] dims = flatten ? new int[] {in.elementCount()} : in.shape().dims();
        int axis = flatten ? 0 : NodeChecks.axis(node, node.attributes().getLong("axis"), dims.length);
        long[] keep = Elements.longs(condition);
        int[] kept = new int[keep.length];
        int count = 0;
        for (int i = 0; i < keep.length; i++) {
            if (keep[i] != 0) {
                if (i >= dims[axis]) {
                    throw new InvalidNodeException(
                            node, "condition selects position " + i + " but axis " + axis + " has size " + dims[axis]);
                }
                kept[count++] = i;
            }
        }
        int outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= dims[d];
        }
        int inner = 1;
        for (int d = axis + 1; d < dims.length; d++) {
            inner *= dims[d];
        }
        int[] outDims = dims.clone();
        outDims[axis] = count;
        TensorType out = flatten
                ? QuantizedAxes.moved(node, in, Shape.of(outDims), -1)
                : QuantizedAxes.moved(
                        node,
                        in,
                        Shape.of(outDims),
                        in.quantization()
                                .map(q -> q.axis() == axis ? -1 : q.axis())
                                .orElse(-1));
        int n = count;
        int rows = outer;
        int cols = inner;
        int axisSize = dims[axis];
        int size = in.dataType().byteSize();
        return FunctionKernel.of(out, inv -> {
            ByteBuffer src = inv.input(0).bytes();
            ByteBuffer dst = inv.output(0).bytes();
            for (int o = 0; o < rows; o++) {
                for (int k = 0; k < n; k++) {
                    Blocks.copy(src, (o * axisSize + kept[k]) * cols, dst, (o * n + k) * cols, cols, size);
                }
            }
        });
    }
}
