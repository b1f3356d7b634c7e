package dev.vela.reference.tensor;

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
 * ONNX Reshape: the same elements under a new shape. A 0 in the target copies the input's
 * dimension at that position (unless {@code allowzero=1}, opset 14, makes it a real 0), one -1 is
 * inferred from the element count. Before opset 5 the target is the {@code shape} attribute.
 */
public final class Reshape extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Reshape() {
        super("Reshape", DataTypes.ALL);
    }

    @Override
    public Set<Integer> valueInputs(Node node) {
        return node.opsetVersion() >= 5 ? Set.of(1) : Set.of();
    }

    @Override
    public Kernel prepare(Node node) {
        long[] target;
        if (node.opsetVersion() >= 5) {
            NodeChecks.inputCount(node, 2, 2);
            target = IntegerValues.constant(node, 1);
        } else {
            NodeChecks.inputCount(node, 1, 1);
            target = node.attributes().getLongs("shape");
        }
        TensorType in = node.inputType(0);
        boolean allowZero = node.attributes().getLong("allowzero", 0) != 0;
        return CopyKernels.of(QuantizedAxes.reshaped(node, in, inferShape(node, in.shape(), target, allowZero)));
    }

    /**
     * @param node the node, named in errors
     * @param in the input shape
     * @param target the requested shape with ONNX's 0 and -1 conventions
     * @param allowZero whether 0 means a zero dimension rather than "copy the input's"
     * @return the output shape
     */
    static Shape inferShape(Node node, Shape in, long[] target, boolean allowZero) {
        int[] dims = new int[target.length];
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            long d = target[i];
            if (d == -1) {
                if (inferred >= 0) {
                    throw new InvalidNodeException(node, "shape " + Arrays.toString(target) + " has more than one -1");
                }
                inferred = i;
                continue;
            }
            if (d < -1) {
                throw new InvalidNodeException(
                        node, "shape " + Arrays.toString(target) + " has invalid dimension " + d);
            }
            if (d == 0 && !allowZero) {
                if (i >= in.rank()) {
                    throw new InvalidNodeException(
                            node,
                            "shape " + Arrays.toString(target) + " copies dimension " + i + " but the input " + in
                                    + " has rank " + in.rank());
                }
                d = in.dim(i);
            }
            if (d == 0 && allowZero && contains(target, -1)) {
                throw new InvalidNodeException(
                        node, "shape " + Arrays.toString(target) + " mixes -1 with a zero dimension under allowzero=1");
            }
            dims[i] = IntegerValues.toInt(node, "dimension", d);
            known *= d;
        }
        int count = in.elementCount();
        if (inferred >= 0) {
            if (known == 0 || count % known != 0) {
                throw new InvalidNodeException(
                        node,
                        "cannot infer the -1 in shape " + Arrays.toString(target) + " for input " + in + " of " + count
                                + " elements");
            }
            dims[inferred] = (int) (count / known);
        } else if (known != count) {
            throw new InvalidNodeException(
                    node,
                    "shape " + Arrays.toString(target) + " holds " + known + " elements but the input " + in + " has "
                            + count);
        }
        return Shape.of(dims);
    }

    private static boolean contains(long[] values, long v) {
        for (long x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
