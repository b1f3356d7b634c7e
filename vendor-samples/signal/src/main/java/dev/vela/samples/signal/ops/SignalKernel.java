package dev.vela.samples.signal.ops;

import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;
import java.util.List;

/**
 * A signal kernel: fixed output types and a body; data-dependent failures (a filter-bank index outside the spectrum)
 * come out as an {@link IllegalArgumentException} that names the node.
 */
abstract class SignalKernel implements Kernel {
    private final String node;
    private final List<TensorType> outputTypes;

    SignalKernel(Node node, List<TensorType> outputTypes) {
        this.node = node.describe();
        this.outputTypes = List.copyOf(outputTypes);
    }

    @Override
    public final List<TensorType> outputTypes() {
        return outputTypes;
    }

    @Override
    public final void invoke(Invocation invocation) {
        try {
            run(invocation);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(node + ": " + e.getMessage(), e);
        }
    }

    abstract void run(Invocation invocation);
}
