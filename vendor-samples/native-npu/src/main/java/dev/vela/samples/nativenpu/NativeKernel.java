package dev.vela.samples.nativenpu;

import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A kernel backed by an immutable native plan: packed weights and parameters live in native memory
 * until {@link #close()}. Inputs and outputs go to C++ as direct buffers without copies; a heap
 * buffer (never handed out by the runtime's arenas) is copied through a direct staging one.
 * Concurrent invocations are safe: the plan is read-only and per-call memory is the caller's
 * scratch.
 *
 * @since 0.1
 */
abstract class NativeKernel implements Kernel {

    private final AtomicLong plan;
    private final List<TensorType> inputTypes;
    private final TensorType outputType;
    private final List<TensorType> outputTypes;
    private final int scratchBytes;
    private final BoundaryBuffers boundary;

    /**
     * @param plan a native plan handle (0 means native memory ran out)
     * @param inputTypes the prepared input types, checked on every call so C++ never reads past a buffer
     * @param outputType the inferred output type
     * @param what the node, for the error message
     */
    NativeKernel(long plan, List<TensorType> inputTypes, TensorType outputType, String what) {
        if (plan == 0) {
            throw new OutOfMemoryError(what + ": native memory for the packed kernel could not be allocated");
        }
        this.plan = new AtomicLong(plan);
        this.inputTypes = List.copyOf(inputTypes);
        this.outputType = outputType;
        this.outputTypes = List.of(outputType);
        this.scratchBytes = Math.toIntExact(NpuNative.npu_plan_scratch(plan));
        // the per-node run functions read the buffers in C++ (the delegate's partition plans take addresses)
        this.boundary = new BoundaryBuffers(this.inputTypes, this.outputTypes, "input", "kernel", null);
    }

    @Override
    public final List<TensorType> outputTypes() {
        return outputTypes; // the runtime asks on every run
    }

    @Override
    public final int scratchBytes() {
        return scratchBytes;
    }

    /** @return the code path this kernel runs on */
    Isa isa() {
        return Isa.ofCode(NpuNative.npu_plan_isa(handle()));
    }

    /**
     * Runs the kernel. The input and output buffers handed to C++ are kept from one call to the next ({@link
     * BoundaryBuffers}), so a session's steady state allocates nothing here; a concurrent caller that finds them
     * taken uses a set of its own.
     */
    @Override
    public final void invoke(Invocation invocation) {
        long handle = handle();
        BoundaryBuffers b = boundary.claim() ? boundary : boundary.another();
        try {
            for (int i = 0; i < b.inputs.length; i++) {
                b.input(i, invocation.input(i));
            }
            b.output(0, invocation.output(0));
            run(handle, b.inputs, b.outputs[0], scratch(invocation));
            b.copyBack();
        } finally {
            if (b == boundary) {
                b.release();
            }
        }
    }

    /** Calls the native run function. */
    abstract void run(long handle, ByteBuffer[] inputs, ByteBuffer output, ByteBuffer scratch);

    private ByteBuffer scratch(Invocation invocation) {
        if (scratchBytes == 0) {
            return null;
        }
        ByteBuffer s = invocation.scratch();
        if (s.isDirect() && !s.isReadOnly() && s.remaining() >= scratchBytes) {
            return s;
        }
        // the caller did not provide the scratch this kernel asked for: use a private buffer
        return ByteBuffer.allocateDirect(scratchBytes);
    }

    /** @return the native plan handle (a delegate's partition plan borrows it while this kernel is open) */
    long handle() {
        long h = plan.get();
        if (h == 0) {
            throw new IllegalStateException("kernel is closed");
        }
        return h;
    }

    @Override
    public final void close() {
        long h = plan.getAndSet(0);
        if (h != 0) {
            NpuNative.npu_plan_free(h);
        }
    }
}
