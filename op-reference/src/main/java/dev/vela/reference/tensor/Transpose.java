package dev.vela.reference.tensor;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.Arrays;

/**
 * ONNX Transpose: output axis {@code i} is input axis {@code perm[i]}; {@code perm} defaults to
 * the reversed axes. The element mapping is computed once at prepare time.
 */
public final class Transpose extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Transpose() {
        super("Transpose", DataTypes.ALL);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 1, 1);
        TensorType in = node.inputType(0);
        int rank = in.shape().rank();
        int[] perm = node.attributes().getInts("perm", reversed(rank));
        checkPermutation(node, perm, rank);
        int[] inDims = in.shape().dims();
        int[] inStrides = in.shape().strides();
        int[] outDims = new int[rank];
        int[] stride = new int[rank];
        for (int i = 0; i < rank; i++) {
            outDims[i] = inDims[perm[i]];
            stride[i] = inStrides[perm[i]];
        }
        Shape outShape = Shape.of(outDims);
        int[] source = StridedIndex.walk(outDims, stride, 0);
        return FunctionKernel.of(
                QuantizedAxes.moved(node, in, outShape, movedAxis(in, perm)),
                inv -> Elements.gather(inv.input(0), inv.output(0), source));
    }

    /** @return where the per-axis quantized axis of {@code in} lands, or -1 if it has none */
    private static int movedAxis(TensorType in, int[] perm) {
        int axis = in.quantization().map(q -> q.isPerAxis() ? q.axis() : -1).orElse(-1);
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] == axis) {
                return i;
            }
        }
        return -1;
    }

    private static int[] reversed(int rank) {
        int[] p = new int[rank];
        for (int i = 0; i < rank; i++) {
            p[i] = rank - 1 - i;
        }
        return p;
    }

    private static void checkPermutation(Node node, int[] perm, int rank) {
        boolean[] seen = new boolean[rank];
        boolean ok = perm.length == rank;
        for (int i = 0; ok && i < rank; i++) {
            ok = perm[i] >= 0 && perm[i] < rank && !seen[perm[i]];
            if (ok) {
                seen[perm[i]] = true;
            }
        }
        if (!ok) {
            throw new InvalidNodeException(
                    node, "perm " + Arrays.toString(perm) + " is not a permutation of the " + rank + " input axes");
        }
    }
}
