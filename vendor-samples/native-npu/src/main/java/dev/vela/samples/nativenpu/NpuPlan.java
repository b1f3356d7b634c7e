package dev.vela.samples.nativenpu;

import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.TensorType;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A compiled partition: one native graph plan (npu_graph.h) that runs every step of the partition in one JNI call.
 * The intermediates live in an arena at the start of the scratch memory this kernel declares ({@link
 * #scratchBytes()}); the boundary tensors are the runtime's. The per-node kernels whose native plans the graph
 * borrows stay open until the plan closes. Not concurrent: a caller without direct scratch gets the plan's own
 * fallback arena, which invocations share.
 *
 * <p>When the invocation allows more than one thread, the graph splits its large steps between the calling thread and
 * worker threads it starts once (on the first invocation asking for that many) and parks between runs; {@link
 * #close()} stops and joins them. Whether splitting pays is measured on the plan's own runs (npu_split_choice.h).
 * Outputs are the same bytes at every thread count.
 */
final class NpuPlan implements Kernel {

    private final AtomicLong graph;
    private final List<Kernel> kernels;
    private final List<TensorType> inputTypes;
    private final List<TensorType> outputTypes;
    private final int scratchBytes;
    private final Counts counts;
    private ByteBuffer fallbackArena;
    /** The thread count the graph was last set up for (the invocation's, not capped). */
    private int threads = 1;
    /** The direct buffers of the boundary, kept across calls (the plan is not concurrent). */
    private final BoundaryBuffers boundary;
    /**
     * The addresses {@code npu_graph_run} reads, in native memory: boundary inputs, boundary outputs, scratch. Written
     * on every call from the addresses {@link #boundary} resolved when its buffers changed.
     */
    private final ByteBuffer addresses;

    private final long addressesAt;

    /**
     * @param graph the native graph handle, owned from now on
     * @param kernels the per-node kernels whose plans the graph borrows, closed after it
     * @param inputTypes the boundary input types, checked on every call so C++ never reads past a buffer
     * @param outputTypes the boundary output types
     * @param counts the graph's steps and what was folded or fused into them
     */
    NpuPlan(
            long graph,
            List<Kernel> kernels,
            List<TensorType> inputTypes,
            List<TensorType> outputTypes,
            Counts counts) {
        this.graph = new AtomicLong(graph);
        this.kernels = List.copyOf(kernels);
        this.inputTypes = List.copyOf(inputTypes);
        this.outputTypes = List.copyOf(outputTypes);
        this.scratchBytes = Math.toIntExact(NpuNative.npu_plan_scratch(graph));
        this.counts = counts;
        this.boundary = new BoundaryBuffers(
                this.inputTypes, this.outputTypes, "boundary input", "the partition", NpuNative::npu_buffer_address);
        this.addresses = ByteBuffer.allocateDirect(Long.BYTES * (this.inputTypes.size() + this.outputTypes.size() + 1))
                .order(ByteOrder.nativeOrder());
        this.addressesAt = NpuNative.npu_buffer_address(addresses);
    }

    @Override
    public List<TensorType> outputTypes() {
        return outputTypes;
    }

    /** @return the arena of the intermediates plus the largest scratch one step needs, plus alignment */
    @Override
    public int scratchBytes() {
        return scratchBytes;
    }

    @Override
    public boolean isConcurrent() {
        return false;
    }

    /**
     * What a compiled partition runs.
     *
     * @param steps native steps per invocation
     * @param foldedPads Pad nodes folded into the Conv that reads them (no step of their own)
     * @param fusedAdds residual Adds running fused with the Conv whose output they read
     * @param blocks inverted-residual blocks (expansion, depthwise, projection) running as one step, band by band
     */
    record Counts(int steps, int foldedPads, int fusedAdds, int blocks) {}

    /** @return native steps per invocation */
    int steps() {
        return counts.steps();
    }

    /** @return Pad nodes folded into the following Conv */
    int foldedPads() {
        return counts.foldedPads();
    }

    /** @return residual Adds fused with the Conv before them */
    int fusedAdds() {
        return counts.fusedAdds();
    }

    /** @return inverted-residual blocks running as one step */
    int blocks() {
        return counts.blocks();
    }

    /**
     * Runs the partition. The boundary buffers handed to C++ are kept from one call to the next ({@link
     * BoundaryBuffers}): the runtime gives a session's kernel the same tensors every run, so the steady state
     * allocates nothing here, and C++ gets their addresses, resolved when they changed, as numbers.
     */
    @Override
    public void invoke(Invocation invocation) {
        long handle = graph.get();
        if (handle == 0) {
            throw new IllegalStateException("partition plan is closed");
        }
        int wanted = Math.max(1, invocation.threads());
        if (wanted != threads) {
            useThreads(handle, wanted);
        }
        BoundaryBuffers b = boundary;
        for (int i = 0; i < b.inputs.length; i++) {
            b.input(i, invocation.input(i));
        }
        for (int k = 0; k < b.outputs.length; k++) {
            b.output(k, invocation.output(k));
        }
        ByteBuffer scratch = scratch(invocation);
        ByteBuffer a = addresses;
        int at = 0;
        for (long address : b.inputAddresses) {
            a.putLong(at, address);
            at += Long.BYTES;
        }
        for (long address : b.outputAddresses) {
            a.putLong(at, address);
            at += Long.BYTES;
        }
        a.putLong(at, b.scratchAddress(scratch));
        int failedStep = NpuNative.npu_graph_run(handle, addressesAt);
        // the buffers own the memory C++ just used through bare addresses
        Reference.reachabilityFence(b);
        Reference.reachabilityFence(scratch);
        Reference.reachabilityFence(a);
        if (failedStep >= 0) {
            throw new IllegalStateException("native-npu: a worker thread failed in step " + failedStep
                    + " of the partition (its outputs are incomplete): " + NpuNative.npu_graph_worker_error(handle));
        }
        b.copyBack();
    }

    private void useThreads(long handle, int wanted) {
        if (NpuNative.npu_graph_set_threads(handle, wanted) == 0) {
            throw new IllegalStateException("native-npu: could not start the worker threads for a partition of "
                    + counts.steps() + " steps at " + wanted + " threads (thread or native memory limit)");
        }
        threads = wanted;
    }

    /** @return how many times this plan's runs measured splitting against running whole and chose */
    long splitDecisions() {
        return NpuNative.npu_graph_split_decisions(graph.get());
    }

    /**
     * Test hook: every step with more than one unit of work is split between the threads on every run, however small
     * and whether or not it pays.
     */
    void splitEveryStepForTest() {
        NpuNative.npu_graph_set_split_threshold_for_test(graph.get(), 0, 0);
        threads = 0; // the next invocation sets the threads up again, now that steps split
    }

    /**
     * Test hook: the block steps run bands of the given number of depthwise output rows (at most the height their
     * scratch was sized for).
     *
     * @return the number of block steps
     */
    int bandRowsForTest(int rows) {
        return NpuNative.npu_graph_set_band_rows_for_test(graph.get(), rows);
    }

    /** Test hook: the next chunk of work one of this plan's workers takes fails. */
    boolean failNextWorkerChunkForTest() {
        return NpuNative.npu_graph_fail_worker_for_test(graph.get()) == 1;
    }

    private ByteBuffer scratch(Invocation invocation) {
        ByteBuffer s = invocation.scratch();
        if (s != null && s.isDirect() && !s.isReadOnly() && s.remaining() >= scratchBytes) {
            return s;
        }
        // the caller did not provide the declared scratch: the plan's own arena (not concurrent, see above)
        if (fallbackArena == null) {
            fallbackArena = ByteBuffer.allocateDirect(scratchBytes);
        }
        return fallbackArena;
    }

    @Override
    public void close() {
        long h = graph.getAndSet(0);
        if (h != 0) {
            NpuNative.npu_plan_free(h);
            kernels.forEach(Kernel::close);
        }
    }
}
