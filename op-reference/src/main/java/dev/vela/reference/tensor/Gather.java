package dev.vela.reference.tensor;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;

/**
 * ONNX Gather: picks slices of {@code data} along {@code axis} (default 0) by int32 or int64
 * indices, which may be negative (counting from the end). Output shape is
 * {@code data[:axis] + indices + data[axis+1:]}. Indices are checked when invoked.
 */
public final class Gather extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Gather() {
        super("Gather", DataTypes.ALL);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 2, 2);
        TensorType data = node.inputType(0);
        TensorType indices = NodeChecks.dataType(node, 1, DataTypes.INDICES);
        int rank = data.shape().rank();
        if (rank == 0) {
            throw new InvalidNodeException(node, "data must have rank >= 1, got a scalar");
        }
        int axis = NodeChecks.axis(node, node.attributes().getLong("axis", 0), rank);
        int[] dataDims = data.shape().dims();
        int[] indexDims = indices.shape().dims();
        int[] outDims = new int[rank - 1 + indexDims.length];
        System.arraycopy(dataDims, 0, outDims, 0, axis);
        System.arraycopy(indexDims, 0, outDims, axis, indexDims.length);
        System.arraycopy(dataDims, axis + 1, outDims, axis + indexDims.length, rank - axis - 1);
        int outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= dataDims[d];
        }
        int inner = 1;
        for (int d = axis + 1; d < rank; d++) {
            inner *= dataDims[d];
        }
        Geometry g = new Geometry(
                node.describe(), outer, dataDims[axis], inner, data.dataType().byteSize());
        return FunctionKernel.of(
                QuantizedAxes.moved(node, data, Shape.of(outDims), movedAxis(data, axis, indexDims.length)),
                inv -> invoke(inv, g));
    }

    /** @return where the per-axis quantized axis lands, or -1 if it is the gathered one or there is none */
    private static int movedAxis(TensorType data, int axis, int indexRank) {
        int q = data.quantization().map(p -> p.isPerAxis() ? p.axis() : -1).orElse(-1);
        return q < 0 || q == axis ? -1 : q < axis ? q : q - 1 + indexRank;
    }

    /** Sizes of the copy: {@code outer} blocks, each picking from {@code axisSize} runs of {@code inner} elements. */
    private record Geometry(String node, int outer, int axisSize, int inner, int elementSize) {}

    private static void invoke(Invocation inv, Geometry g) {
        long[] indices = Elements.longs(inv.input(1));
        int[] resolved = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            resolved[k] = resolve(g.node(), indices[k], g.axisSize());
        }
        ByteBuffer src = inv.input(0).bytes();
        ByteBuffer dst = inv.output(0).bytes();
        int n = indices.length;
        for (int o = 0; o < g.outer(); o++) {
            for (int k = 0; k < n; k++) {
                Blocks.copy(
                        src,
                        (o * g.axisSize() + resolved[k]) * g.inner(),
                        dst,
                        (o * n + k) * g.inner(),
                        g.inner(),
                        g.elementSize());
            }
        }
    }

    /**
     * @param node the node description for the error
     * @param index an index that may be negative
     * @param size the size of the indexed axis
     * @return the index in {@code [0, size)}
     */
    static int resolve(String node, long index, int size) {
        long i = index < 0 ? index + size : index;
        if (i < 0 || i >= size) {
            throw new InvalidNodeException(
                    node, "index " + index + " is out of range [" + -size + ", " + (size - 1) + "]");
        }
        return (int) i;
    }
}
