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
 */
final class NpuPlan implements Kernel {

    private final AtomicLong graph;
    private final List<Kernel> kernels;
    private final List<TensorType> inputTypes;
    private final List<TensorType> outputTypes;
    private final int scratchBytes;
    private final int steps;
    private final int foldedPads;
    private final int fusedAdds;
    private ByteBuffer fallbackArena;
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
     * @param steps native steps the graph runs
     * @param foldedPads Pad nodes folded into the Conv that reads them (no step of their own)
     * @param fusedAdds residual Adds running fused with the Conv whose output they read
     */
    NpuPlan(
            long graph,
            List<Kernel> kernels,
            List<TensorType> inputTypes,
            List<TensorType> outputTypes,
            int steps,
            int foldedPads,
            int fusedAdds) {
        this.graph = new AtomicLong(graph);
        this.kernels = List.copyOf(kernels);
        this.inputTypes = List.copyOf(inputTypes);
        this.outputTypes = List.copyOf(outputTypes);
        this.scratchBytes = Math.toIntExact(NpuNative.npu_plan_scratch(graph));
        this.steps = steps;
        this.foldedPads = foldedPads;
        this.fusedAdds = fusedAdds;
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

    /** @return native steps per invocation */
    int steps() {
        return steps;
    }

    /** @return Pad nodes folded into the following Conv */
    int foldedPads() {
        return foldedPads;
    }

    /** @return residual Adds fused with the Conv before them */
    int fusedAdds() {
        return fusedAdds;
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
        NpuNative.npu_graph_run(handle, addressesAt);
        // the buffers own the memory C++ just used through bare addresses
        Reference.reachabilityFence(b);
        Reference.reachabilityFence(scratch);
        Reference.reachabilityFence(a);
        b.copyBack();
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
