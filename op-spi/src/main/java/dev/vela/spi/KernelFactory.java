package dev.vela.spi;

import java.util.Set;

/**
 * Makes kernels for one operator (docs/architecture.md D5).
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public interface KernelFactory {

    /** @return the operator this factory implements */
    OpId op();

    /** @return every (operator, data type, layout) this factory claims; certification tests exactly these */
    Set<KernelClaim> claims();

    /**
     * A cheap check, without preparing, whether this factory can run the node. Must not throw for
     * any node of its operator; must say yes only for nodes {@link #prepare(Node)} accepts.
     *
     * @param node the node
     * @return yes, or no with the reason
     */
    Support supports(Node node);

    /**
     * Validates the node, infers its output types, may pack constant inputs, and returns a
     * kernel.
     *
     * @param node the node
     * @return the prepared kernel
     * @throws InvalidNodeException naming the node if it is invalid or unsupported
     */
    Kernel prepare(Node node);

    /**
     * Inputs whose values, not only their types, determine the output types (a Reshape's target
     * shape, a Slice's starts). When such an input is not constant, the runtime prepares the
     * kernel for each run once the value is known, and passes it through {@link
     * Node#inputValue(int)}.
     *
     * @param node the node
     * @return input positions; empty by default
     */
    default Set<Integer> valueInputs(Node node) {
        return Set.of();
    }
}
