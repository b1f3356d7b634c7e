package dev.vela.reference.tensor;

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
 * ONNX Concat: joins inputs of one rank along {@code axis} (negative counts from the end; before
 * opset 4 it defaults to 1). Inputs may be empty along the axis.
 */
public final class Concat extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Concat() {
        super("Concat", DataTypes.ALL);
    }

    @Override
    public Kernel prepare(Node node) {
        int n = node.inputCount();
        NodeChecks.inputCount(node, 1, Integer.MAX_VALUE);
        for (int i = 0; i < n; i++) {
            if (!node.hasInput(i)) {
                throw new InvalidNodeException(node, "input " + i + " is missing");
            }
        }
        TensorType first = node.inputType(0);
        int rank = first.shape().rank();
        long rawAxis = node.opsetVersion() >= 4
                ? node.attributes().getLong("axis")
                : node.attributes().getLong("axis", 1);
        int axis = NodeChecks.axis(node, rawAxis, rank);
        int[] outDims = first.shape().dims();
        int[] axisSizes = new int[n];
        for (int i = 0; i < n; i++) {
            NodeChecks.sameDataType(node, 0, i);
            Shape s = node.inputType(i).shape();
            if (s.rank() != rank) {
                throw new InvalidNodeException(
                        node, "input " + i + " has shape " + s + " but input 0 has rank " + rank);
            }
            for (int d = 0; d < rank; d++) {
                if (d != axis && s.dim(d) != outDims[d]) {
                    throw new InvalidNodeException(
                            node,
                            "input " + i + " has shape " + s + ", which differs from input 0 " + first.shape()
                                    + " outside axis " + axis);
                }
            }
            if (!node.inputType(i).quantization().equals(first.quantization())) {
                throw new InvalidNodeException(
                        node,
                        "input " + i + " is " + node.inputType(i) + " but input 0 is " + first
                                + ": concatenating different quantizations would need requantizing");
            }
            axisSizes[i] = s.dim(axis);
        }
        long total = 0;
        for (int a : axisSizes) {
            total += a;
        }
        outDims[axis] = IntegerValues.toInt(node, "concatenated size", total);
        int outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= outDims[d];
        }
        int inner = 1;
        for (int d = axis + 1; d < rank; d++) {
            inner *= outDims[d];
        }
        int elementSize = first.dataType().byteSize();
        int rows = outer;
        int cols = inner;
        return FunctionKernel.of(
                QuantizedAxes.kept(node, first, Shape.of(outDims)),
                inv -> invoke(inv, axisSizes, rows, cols, outDims[axis], elementSize));
    }

    private static void invoke(Invocation inv, int[] axisSizes, int outer, int inner, int outAxis, int elementSize) {
        ByteBuffer dst = inv.output(0).bytes();
        int offset = 0;
        for (int i = 0; i < axisSizes.length; i++) {
            ByteBuffer src = inv.input(i).bytes();
            int chunk = axisSizes[i] * inner;
            for (int o = 0; o < outer; o++) {
                Blocks.copy(src, o * chunk, dst, o * outAxis * inner + offset, chunk, elementSize);
            }
            offset += chunk;
        }
    }
}
