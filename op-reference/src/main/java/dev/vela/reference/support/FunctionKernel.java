package dev.vela.reference.support;

import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelState;
import dev.vela.spi.TensorType;
import java.util.List;
import java.util.function.Consumer;

/**
 * A kernel made of its output types and a computation that keeps no mutable state of its own, so
 * instances are safe to invoke concurrently. State carried from one invocation to the next (a
 * recurrent operator's) is declared and lives in the session, passed in by the invocation.
 */
public final class FunctionKernel implements Kernel {

    private final List<TensorType> outputTypes;
    private final Consumer<Invocation> body;
    private final List<KernelState> state;

    private FunctionKernel(List<TensorType> outputTypes, Consumer<Invocation> body, List<KernelState> state) {
        this.outputTypes = List.copyOf(outputTypes);
        this.body = body;
        this.state = List.copyOf(state);
    }

    /**
     * @param outputType the single inferred output type
     * @param state the state the computation reads and updates through {@link Invocation#state(int)}
     * @param body computes the output
     * @return the kernel
     */
    public static Kernel stateful(TensorType outputType, List<KernelState> state, Consumer<Invocation> body) {
        return new FunctionKernel(List.of(outputType), body, state);
    }

    @Override
    public List<KernelState> state() {
        return state;
    }

    /**
     * @param outputTypes the inferred output types
     * @param body computes the outputs
     * @return the kernel
     */
    public static Kernel of(List<TensorType> outputTypes, Consumer<Invocation> body) {
        return new FunctionKernel(outputTypes, body, List.of());
    }

    /**
     * @param outputType the single inferred output type
     * @param body computes the output
     * @return the kernel
     */
    public static Kernel of(TensorType outputType, Consumer<Invocation> body) {
        return new FunctionKernel(List.of(outputType), body, List.of());
    }

    @Override
    public List<TensorType> outputTypes() {
        return outputTypes;
    }

    @Override
    public void invoke(Invocation invocation) {
        body.accept(invocation);
    }
}
