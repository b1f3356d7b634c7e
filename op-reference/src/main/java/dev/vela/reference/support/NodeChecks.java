package dev.vela.reference.support;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;
import java.util.Arrays;
import java.util.Set;

/** Validation shared by the reference factories; every failure names the node. */
public final class NodeChecks {

    private NodeChecks() {}

    /**
     * @param node the node
     * @param min fewest present inputs allowed
     * @param max most input positions allowed
     */
    public static void inputCount(Node node, int min, int max) {
        int present = 0;
        for (int i = 0; i < node.inputCount(); i++) {
            if (node.hasInput(i)) {
                present = i + 1;
            }
        }
        if (present < min || node.inputCount() > max) {
            throw new InvalidNodeException(
                    node, "expects " + (min == max ? min : min + ".." + max) + " inputs, got " + node.inputCount());
        }
        for (int i = 0; i < min; i++) {
            if (!node.hasInput(i)) {
                throw new InvalidNodeException(node, "required input " + i + " is missing");
            }
        }
    }

    /**
     * @param node the node
     * @param index a present input
     * @param allowed the element types accepted there
     * @return the input's type
     */
    public static TensorType dataType(Node node, int index, Set<DataType> allowed) {
        TensorType t = node.inputType(index);
        if (!allowed.contains(t.dataType())) {
            throw new InvalidNodeException(
                    node,
                    "input " + index + " has type " + t.dataType().label() + ", supported: "
                            + allowed.stream().map(DataType::label).sorted().toList());
        }
        return t;
    }

    /**
     * Requires all present inputs among {@code indices} to share input {@code reference}'s element type.
     *
     * @param node the node
     * @param reference input whose type the others must match
     * @param indices the other inputs
     */
    public static void sameDataType(Node node, int reference, int... indices) {
        DataType expected = node.inputType(reference).dataType();
        for (int i : indices) {
            if (node.hasInput(i) && node.inputType(i).dataType() != expected) {
                throw new InvalidNodeException(
                        node,
                        "input " + i + " has type "
                                + node.inputType(i).dataType().label() + " but input " + reference + " has "
                                + expected.label());
            }
        }
    }

    /**
     * @param node the node
     * @param index a present input
     * @param ranks the ranks accepted
     * @return the input's type
     */
    public static TensorType rank(Node node, int index, int... ranks) {
        TensorType t = node.inputType(index);
        for (int r : ranks) {
            if (t.shape().rank() == r) {
                return t;
            }
        }
        throw new InvalidNodeException(
                node,
                "input " + index + " has shape " + t.shape() + ", expected rank "
                        + (ranks.length == 1 ? String.valueOf(ranks[0]) : Arrays.toString(ranks)));
    }

    /**
     * @param node the node
     * @param index an input that must be known at prepare time
     * @return its value
     */
    public static dev.vela.spi.Tensor constant(Node node, int index) {
        return node.inputValue(index)
                .orElseThrow(() -> new InvalidNodeException(
                        node, "input " + index + " must be a constant (its value decides the output shape)"));
    }

    /**
     * Normalises an axis that may count from the end.
     *
     * @param node the node
     * @param axis the axis as given
     * @param rank the rank it indexes
     * @return the axis in {@code [0, rank)}
     */
    public static int axis(Node node, long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new InvalidNodeException(node, "axis " + axis + " is out of range for rank " + rank);
        }
        return (int) a;
    }
}
