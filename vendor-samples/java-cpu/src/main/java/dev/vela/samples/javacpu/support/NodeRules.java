package dev.vela.samples.javacpu.support;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.FusedActivation;

/** Small shared node checks; each failure names the node. */
public final class NodeRules {

    private NodeRules() {}

    /**
     * @param node the node
     * @param min fewest present inputs
     * @param max most input positions
     */
    public static void inputs(Node node, int min, int max) {
        if (node.inputCount() < min || node.inputCount() > max) {
            throw new InvalidNodeException(node, "has " + node.inputCount() + " inputs, expected " + min + ".." + max);
        }
        for (int i = 0; i < min; i++) {
            if (!node.hasInput(i)) {
                throw new InvalidNodeException(node, "input " + i + " is required");
            }
        }
        if (node.outputCount() != 1) {
            throw new InvalidNodeException(node, "has " + node.outputCount() + " outputs, this kernel produces 1");
        }
    }

    /**
     * @param node the node
     * @param index a present input
     * @return its type, checked to be float32
     */
    public static TensorType float32(Node node, int index) {
        TensorType t = node.inputType(index);
        if (t.dataType() != DataType.FLOAT32) {
            throw new InvalidNodeException(node, "input " + index + " is " + t + "; this kernel handles float32 only");
        }
        return t;
    }

    /**
     * The node's fused activation ({@link FusedActivation}), when it is one these kernels apply: a clamp (None,
     * Relu, Clip). Tanh and Sigmoid are refused, so supports() declines them.
     *
     * @param node the node
     * @return its activation, {@link FusedActivation#NONE} when it has none
     * @throws InvalidNodeException naming the node for a malformed or unsupported activation
     */
    public static FusedActivation clampActivation(Node node) {
        FusedActivation act = FusedActivation.of(node);
        if (!act.isClamp()) {
            throw new InvalidNodeException(node, "fused activation '" + act + "' is not supported (Relu or Clip)");
        }
        return act;
    }
}
