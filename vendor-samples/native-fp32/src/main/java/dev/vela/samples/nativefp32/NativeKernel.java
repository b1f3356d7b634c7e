package dev.vela.samples.nativefp32;

import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.TensorType;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A kernel backed by an immutable native plan: packed weights and parameters live in native memory until
 * {@link #close()}. Inputs and outputs go to C++ as direct buffers without copies (the runtime's arenas are
 * direct; a heap buffer is copied through a direct staging one). Concurrent invocations are safe: the plan is
 * read-only, per-call memory is the caller's scratch, and a worker thread of a split call uses a direct buffer
 * of its own, allocated once per thread.
 */
abstract class NativeKernel implements Kernel {

    /** Scratch of the second and later shares of a split call: one buffer per worker thread, grown on demand. */
    private static final ThreadLocal<WorkerScratch> WORKER_SCRATCH = ThreadLocal.withInitial(WorkerScratch::new);

    private final AtomicLong plan;
    private final List<TensorType> inputTypes;
    private final List<TensorType> outputTypes;
    /** Whether the output holds no element (then there is nothing to compute), known at prepare time. */
    private final boolean emptyOutput;

    private final int scratchBytes;
    private final BoundaryBuffers boundary;

    /**
     * @param plan a native plan handle (0 means native memory ran out)
     * @param inputTypes the prepared types of the inputs read per call, checked on every call so C++ never
     *                   reads past a buffer
     * @param outputType the inferred output type
     * @param what the node, for the error message
     */
    NativeKernel(long plan, List<TensorType> inputTypes, TensorType outputType, String what) {
        if (plan == 0) {
            throw new OutOfMemoryError(what + ": native memory for the packed kernel could not be allocated");
        }
        this.plan = new AtomicLong(plan);
        this.inputTypes = List.copyOf(inputTypes);
        this.emptyOutput = outputType.byteSize() == 0;
        this.outputTypes = List.of(outputType);
        this.scratchBytes = Math.toIntExact(Fp32Native.fp32_plan_scratch(plan));
        this.boundary = new BoundaryBuffers(
                this.inputTypes, this.outputTypes, "input", "kernel", Fp32Native::fp32_buffer_address);
    }

    /** A worker thread's scratch buffer and its address. */
    private static final class WorkerScratch {
        ByteBuffer buffer;
        long address;
    }

    @Override
    public final List<TensorType> outputTypes() {
        return outputTypes;
    }

    @Override
    public final int scratchBytes() {
        return scratchBytes;
    }

    /** @return the code path this kernel runs */
    final Isa isa() {
        return Isa.ofCode(Fp32Native.fp32_plan_isa(handle()));
    }

    /**
     * Runs the kernel. The input and output buffers handed to C++ are kept from one call to the next ({@link
     * BoundaryBuffers}), so a session's steady state allocates nothing here and C++ gets their addresses, resolved
     * when they changed, as numbers; a concurrent caller that finds them taken uses a set of its own.
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
            if (emptyOutput) {
                return;
            }
            ByteBuffer scratch = callerScratch(invocation);
            run(handle, b.inputAddresses, b.outputAddresses[0], b.scratchAddress(scratch), invocation.threads());
            // the buffers own the memory C++ just used through bare addresses
            Reference.reachabilityFence(b);
            Reference.reachabilityFence(scratch);
            b.copyBack();
        } finally {
            if (b == boundary) {
                b.release();
            }
        }
    }

    /**
     * Calls the native run function, possibly split over threads (see {@link Threads}).
     *
     * @param handle the plan
     * @param inputs the inputs' addresses
     * @param output the output's address
     * @param scratch the address of the caller's scratch (0 when none is needed)
     * @param threads the invocation's thread budget
     */
    abstract void run(long handle, long[] inputs, long output, long scratch, int threads);

    /**
     * @param share the share of a split call (0 is the calling thread)
     * @param callerScratch the address of the caller's scratch
     * @return the address of scratch for that share: the caller's for share 0, the worker thread's own otherwise
     *     (kept by the thread, so valid after the call returns)
     */
    final long scratchFor(int share, long callerScratch) {
        if (share == 0 || scratchBytes == 0) {
            return callerScratch;
        }
        return workerScratch().address;
    }

    private WorkerScratch workerScratch() {
        WorkerScratch own = WORKER_SCRATCH.get();
        if (own.buffer == null || own.buffer.capacity() < scratchBytes) {
            own.buffer = ByteBuffer.allocateDirect(scratchBytes);
            own.address = Fp32Native.fp32_buffer_address(own.buffer);
        }
        return own;
    }

    private ByteBuffer callerScratch(Invocation invocation) {
        if (scratchBytes == 0) {
            return null;
        }
        ByteBuffer s = invocation.scratch();
        if (s != null && s.isDirect() && !s.isReadOnly() && s.remaining() >= scratchBytes) {
            return s;
        }
        // the caller did not provide the scratch this kernel asked for: use the thread's own
        return workerScratch().buffer;
    }

    private long handle() {
        long h = plan.get();
        if (h == 0) {
            throw new IllegalStateException("kernel is closed");
        }
        return h;
    }

    /** @return the native plan handle (a chain borrows its layers' plans while their kernels are open) */
    final long plan() {
        return handle();
    }

    @Override
    public final void close() {
        long h = plan.getAndSet(0);
        if (h != 0) {
            Fp32Native.fp32_plan_free(h);
            closed();
        }
    }

    /** Called once, after the plan was freed: a kernel that borrowed other kernels' plans closes them here. */
    void closed() {
        // nothing borrowed
    }
}
