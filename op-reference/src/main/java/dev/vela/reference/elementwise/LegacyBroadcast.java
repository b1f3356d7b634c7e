package dev.vela.reference.elementwise;

import dev.vela.reference.support.NodeChecks;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;

/**
 * The broadcasting of binary operators before opset 7: without {@code broadcast=1} both operands
 * must have the same shape; with it, B must be a single element or match a contiguous run of A's
 * dimensions, starting at {@code axis} or, without it, at the end (suffix matching), where a
 * dimension of 1 in B repeats (exporters such as PyTorch 0.3 relied on that). Translated
 * here into the shape B has under today's multidirectional broadcasting.
 */
final class LegacyBroadcast {

    /** The first opset version with numpy-style multidirectional broadcasting. */
    static final int MULTIDIRECTIONAL_SINCE = 7;

    private LegacyBroadcast() {}

    /**
     * @param node the node (its opset version and attributes decide)
     * @param a the first operand's shape
     * @param b the second operand's shape
     * @return the shape to broadcast B with: {@code b} itself from opset 7 on
     */
    static Shape secondOperand(Node node, Shape a, Shape b) {
        if (node.opsetVersion() >= MULTIDIRECTIONAL_SINCE) {
            return b;
        }
        if (node.attributes().getLong("broadcast", 0) == 0) {
            if (!a.equals(b)) {
                throw new InvalidNodeException(
                        node,
                        "shapes " + a + " and " + b + " differ and attribute broadcast is not set (opset "
                                + node.opsetVersion() + ")");
            }
            return b;
        }
        if (b.elementCount() == 1 && b.rank() <= a.rank()) {
            return Shape.scalar();
        }
        int axis = node.attributes().has("axis")
                ? NodeChecks.axis(node, node.attributes().getLong("axis"), a.rank())
                : a.rank() - b.rank();
        if (axis < 0 || axis + b.rank() > a.rank()) {
            throw new InvalidNodeException(node, "shape " + b + " does not fit into " + a + " at axis " + axis);
        }
        int[] dims = new int[a.rank() - axis];
        java.util.Arrays.fill(dims, 1);
        for (int i = 0; i < b.rank(); i++) {
            if (b.dim(i) != a.dim(axis + i) && b.dim(i) != 1) {
                throw new InvalidNodeException(node, "shape " + b + " does not match " + a + " from axis " + axis);
            }
            dims[i] = b.dim(i);
        }
        return Shape.of(dims);
    }
}
