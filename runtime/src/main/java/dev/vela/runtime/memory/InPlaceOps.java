package dev.vela.runtime.memory;

import dev.vela.spi.OpId;
import java.util.List;
import java.util.Set;

/**
 * Which operators may write their first output over their first input. Views (Reshape and friends, Dropout in
 * inference) copy their input unchanged, so output and input can share memory even while the input stays live.
 * Elementwise unary operators read element i before writing element i, so they can overwrite an input that dies at
 * them.
 */
public final class InPlaceOps {

    private static final Set<String> VIEWS = Set.of("Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity");

    private static final Set<String> UNARY = Set.of(
            "Relu",
            "LeakyRelu",
            "Sigmoid",
            "Tanh",
            "Abs",
            "Neg",
            "Exp",
            "Log",
            "Sqrt",
            "Reciprocal",
            "Floor",
            "Ceil",
            "Round",
            "Sign",
            "Erf",
            "Elu",
            "Selu",
            "Celu",
            "HardSigmoid",
            "HardSwish",
            "Softplus",
            "Softsign",
            "Sin",
            "Cos",
            "Not",
            "Clip",
            "ThresholdedRelu",
            "Gelu",
            "Mish");

    private InPlaceOps() {}

    /**
     * @param op an operator
     * @param inputs the node's input names ("" for an omitted optional input)
     * @return whether its first output is a copy of its first input in another shape
     */
    public static boolean isView(OpId op, List<String> inputs) {
        if (!op.domain().equals(OpId.DEFAULT_DOMAIN)) {
            return false;
        }
        if (op.name().equals("Dropout")) {
            // a training_mode input may turn it on (then the output is scaled and masked): a view only without one
            return inputs.size() < 3 || inputs.get(2).isEmpty();
        }
        return VIEWS.contains(op.name());
    }

    /**
     * @param op an operator
     * @return whether it computes each output element from the same input element only
     */
    public static boolean isElementwiseUnary(OpId op) {
        return op.domain().equals(OpId.DEFAULT_DOMAIN) && UNARY.contains(op.name());
    }
}
