package dev.vela.conformance.custom;

import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelState;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Invokes one prepared kernel step after step as a session does: outputs and scratch fresh for every step, the
 * kernel's declared state allocated once at its initial value, carried from step to step and reset on request.
 */
final class CaseRunner implements AutoCloseable {

    private final Kernel kernel;
    private final List<Tensor> state = new ArrayList<>();

    CaseRunner(Kernel kernel) {
        this.kernel = kernel;
        reset();
    }

    /** Returns the state to its initial value. */
    void reset() {
        state.clear();
        for (KernelState s : kernel.state()) {
            Tensor t = Tensor.allocate(s.type());
            t.copyFrom(s.initialValue());
            state.add(t);
        }
    }

    /** @return whether the kernel declared state */
    boolean isStateful() {
        return !state.isEmpty();
    }

    /**
     * @param inputs one step's inputs
     * @return its outputs
     */
    List<Tensor> step(List<Tensor> inputs) {
        List<Tensor> outputs = new ArrayList<>();
        for (TensorType t : kernel.outputTypes()) {
            outputs.add(Tensor.allocate(t));
        }
        ByteBuffer scratch =
                ByteBuffer.allocateDirect(Math.max(0, kernel.scratchBytes())).order(ByteOrder.LITTLE_ENDIAN);
        kernel.invoke(Invocation.of(inputs, outputs, scratch, 1, state));
        return outputs;
    }

    @Override
    public void close() {
        kernel.close();
    }
}
