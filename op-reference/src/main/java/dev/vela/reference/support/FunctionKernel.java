package dev.vela.reference.support;

import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.TensorType;
import java.util.List;
import java.util.function.Consumer;

/**
 * A kernel made of its output types and a stateless computation; the computation must not keep
 * mutable state, so instances are safe to invoke concurrently.
 */
public final class FunctionKernel implements Kernel {

    private final List<TensorType> outputTypes;
    private final Consumer<Invocation> body;

    private FunctionKernel(List<TensorType> outputTypes, Consumer<Invocation> body) {
        this.outputTypes = List.copyOf(outputTypes);
        this.body = body;
    }

    /**
     * @param outputTypes the inferred output types
     * @param body computes the outputs
     * @return the kernel
     */
    public static Kernel of(List<TensorType> outputTypes, Consumer<Invocation> body) {
        return new FunctionKernel(outputTypes, body);
    }

    /**
     * @param outputType the single inferred output type
     * @param body computes the output
     * @return the kernel
     */
    public static Kernel of(TensorType outputType, Consumer<Invocation> body) {
        return new FunctionKernel(List.of(outputType), body);
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
