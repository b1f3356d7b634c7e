package dev.vela.samples.nativenpu;

import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
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

    @Override
    public void invoke(Invocation invocation) {
        long handle = graph.get();
        if (handle == 0) {
            throw new IllegalStateException("partition plan is closed");
        }
        ByteBuffer[] in = new ByteBuffer[inputTypes.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = directInput(invocation.input(i), inputTypes.get(i), i);
        }
        ByteBuffer[] out = new ByteBuffer[outputTypes.size()];
        ByteBuffer[] targets = new ByteBuffer[out.length];
        for (int k = 0; k < out.length; k++) {
            ByteBuffer target = invocation.output(k).bytes();
            int bytes = outputTypes.get(k).byteSize();
            if (target.remaining() < bytes) {
                throw new IllegalArgumentException(
                        "output " + k + " holds " + target.remaining() + " bytes, the partition writes " + bytes);
            }
            targets[k] = target;
            out[k] = target.isDirect() ? target : ByteBuffer.allocateDirect(bytes);
        }
        NpuNative.npu_graph_run(handle, in, out, scratch(invocation));
        for (int k = 0; k < out.length; k++) {
            if (out[k] != targets[k]) {
                targets[k].duplicate().put(out[k].duplicate().clear());
            }
        }
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

    private static ByteBuffer directInput(Tensor t, TensorType expected, int index) {
        if (!t.type().shape().equals(expected.shape()) || t.dataType() != expected.dataType()) {
            throw new IllegalArgumentException(
                    "boundary input " + index + " is " + t.type() + ", the partition was compiled for " + expected);
        }
        ByteBuffer b = t.bytes();
        if (b.isDirect()) {
            return b;
        }
        ByteBuffer copy = ByteBuffer.allocateDirect(b.remaining());
        copy.put(b.duplicate()).flip();
        return copy;
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
