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
import java.util.Set;

/**
 * ONNX Tile (opset 6 on): repeats the input {@code repeats[i]} times along each axis; the
 * repeats are a value input with one non-negative entry per input axis.
 */
public final class Tile extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Tile() {
        super("Tile", DataTypes.ALL);
    }

    @Override
    public Set<Integer> valueInputs(Node node) {
        return Set.of(1);
    }

    @Override
    public Kernel prepare(Node node) {
        if (node.opsetVersion() < 6) {
            throw new InvalidNodeException(node, "Tile before opset 6 (tiles and axis inputs) is not supported");
        }
        NodeChecks.inputCount(node, 2, 2);
        TensorType in = node.inputType(0);
        long[] repeats = IntegerValues.constant(node, 1);
        int rank = in.shape().rank();
        if (repeats.length != rank) {
            throw new InvalidNodeException(
                    node, "repeats " + Arrays.toString(repeats) + " must have one entry per axis of " + in.shape());
        }
        int[] inDims = in.shape().dims();
        int[] outDims = new int[rank];
        for (int i = 0; i < rank; i++) {
            if (repeats[i] < 0) {
                throw new InvalidNodeException(node, "repeats " + Arrays.toString(repeats) + " has a negative entry");
            }
            outDims[i] = IntegerValues.toInt(node, "tiled dimension", inDims[i] * repeats[i]);
        }
        Shape outShape = Shape.of(outDims);
        int[] source = sourceIndices(inDims, in.shape().strides(), outDims);
        return FunctionKernel.of(
                QuantizedAxes.kept(node, in, outShape), inv -> Elements.gather(inv.input(0), inv.output(0), source));
    }

    /** For each output element, the input element it repeats: each coordinate taken modulo the input dimension. */
    private static int[] sourceIndices(int[] inDims, int[] inStrides, int[] outDims) {
        int n = Shape.of(outDims).elementCount();
        int[] result = new int[n];
        int rank = outDims.length;
        int[] coord = new int[rank];
        int src = 0;
        for (int k = 0; k < n; k++) {
            result[k] = src;
            for (int d = rank - 1; d >= 0; d--) {
                int old = coord[d];
                src -= (old % inDims[d]) * inStrides[d];
                if (++coord[d] < outDims[d]) {
                    src += (coord[d] % inDims[d]) * inStrides[d];
                    break;
                }
                coord[d] = 0;
            }
        }
        return result;
    }
}
