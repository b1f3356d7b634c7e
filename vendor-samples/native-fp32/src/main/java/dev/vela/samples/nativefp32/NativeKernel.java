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
 * read-only and per-call memory is the caller's scratch. A kernel that may split ({@link #splits()}) takes the
 * process's worker pool ({@link Workers}) the first time it runs with more than one thread, with a native split
 * state of its own (its measured choice, a scratch per worker); {@link #close()} frees both, so the last kernel
 * closed joins the workers.
 */
abstract class NativeKernel implements Kernel {

    /** Scratch for a caller that provided none: one buffer per thread, grown on demand. */
    private static final ThreadLocal<ByteBuffer[]> OWN_SCRATCH = ThreadLocal.withInitial(() -> new ByteBuffer[1]);

    private final AtomicLong plan;
    private final List<TensorType> inputTypes;
    private final List<TensorType> outputTypes;
    /** Whether the output holds no element (then there is nothing to compute), known at prepare time. */
    private final boolean emptyOutput;

    private final int scratchBytes;
    private final BoundaryBuffers boundary;
    private final String what;

    /** The worker pool and this kernel's split state, both 0 until it first runs with more than one thread. */
    private long pool;

    private int poolWorkers;

    private volatile long split;
    private boolean forceSplit;

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
        this.what = what;
        this.scratchBytes = Math.toIntExact(Fp32Native.fp32_plan_scratch(plan));
        this.boundary = new BoundaryBuffers(
                this.inputTypes, this.outputTypes, "input", "kernel", Fp32Native::fp32_buffer_address);
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
            long scratchAddress = b.scratchAddress(scratch);
            int threads = invocation.threads();
            if (threads > 1 && splits()) {
                runThreaded(handle, b.inputAddresses, b.outputAddresses[0], scratchAddress, threads);
            } else {
                run(handle, b.inputAddresses, b.outputAddresses[0], scratchAddress);
            }
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
     * Calls the native run function on the calling thread.
     *
     * @param handle the plan
     * @param inputs the inputs' addresses
     * @param output the output's address
     * @param scratch the address of the caller's scratch (0 when none is needed)
     */
    abstract void run(long handle, long[] inputs, long output, long scratch);

    /** @return whether the kernel's calls may split between threads (then it implements {@link #runThreads}) */
    boolean splits() {
        return false;
    }

    /**
     * Calls the native run function that splits the call between the caller and the pool's workers when the
     * kernel's measured choice says so.
     *
     * @param handle the plan
     * @param splitState the kernel's split state
     * @param workers the worker pool
     * @param inputs the inputs' addresses
     * @param output the output's address
     * @param scratch the address of the caller's scratch
     * @return 0, or 1 if a worker failed
     */
    int runThreads(long handle, long splitState, long workers, long[] inputs, long output, long scratch) {
        throw new UnsupportedOperationException("does not split");
    }

    private void runThreaded(long handle, long[] inputs, long output, long scratch, int threads) {
        long s = split;
        if (s == 0) {
            s = startSplitting(handle, threads);
        }
        if (threads < 1 + poolWorkers) {
            // the pool was started for a larger budget than this call's
            run(handle, inputs, output, scratch);
            return;
        }
        if (runThreads(handle, s, pool, inputs, output, scratch) != 0) {
            throw new IllegalStateException("native-fp32: a worker thread failed in " + what
                    + " (its output is incomplete): " + Fp32Native.fp32_workers_error(pool));
        }
    }

    /** Takes the worker pool and makes the split state, once; the allocation a split call then never does. */
    private synchronized long startSplitting(long handle, int threads) {
        if (split == 0) {
            long p = Workers.acquire(threads);
            int n = Workers.workers();
            long s = Fp32Native.fp32_split_create(handle, n);
            if (s == 0) {
                Workers.release();
                throw new OutOfMemoryError(what + ": native memory for the workers' scratch could not be allocated");
            }
            if (forceSplit) {
                Fp32Native.fp32_split_force(s);
            }
            pool = p;
            poolWorkers = n;
            split = s;
        }
        return split;
    }

    /** Test hook: every call with more than one thread splits, without measuring. */
    final synchronized void forceSplitForTest() {
        forceSplit = true;
        if (split != 0) {
            Fp32Native.fp32_split_force(split);
        }
    }

    /** Test hook: makes the pool's next worker chunk throw; false when this kernel has not split yet. */
    final synchronized boolean failNextWorkerChunkForTest() {
        if (split == 0) {
            return false;
        }
        Fp32Native.fp32_workers_fail_next(pool);
        return true;
    }

    /** @return how many probes of split against whole calls have decided (0 before the first threaded call) */
    final long splitDecisions() {
        long s = split;
        return s == 0 ? 0 : Fp32Native.fp32_split_decisions(s);
    }

    /** @return whether the kernel's threaded calls split now */
    final boolean splitting() {
        long s = split;
        return s != 0 && Fp32Native.fp32_split_splitting(s) != 0;
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
        ByteBuffer[] own = OWN_SCRATCH.get();
        if (own[0] == null || own[0].capacity() < scratchBytes) {
            own[0] = ByteBuffer.allocateDirect(scratchBytes);
        }
        return own[0];
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
            synchronized (this) {
                if (split != 0) {
                    Fp32Native.fp32_split_free(split);
                    split = 0;
                    pool = 0;
                    Workers.release();
                }
            }
            Fp32Native.fp32_plan_free(h);
            closed();
        }
    }

    /** Called once, after the plan was freed: a kernel that borrowed other kernels' plans closes them here. */
    void closed() {
        // nothing borrowed
    }
}
