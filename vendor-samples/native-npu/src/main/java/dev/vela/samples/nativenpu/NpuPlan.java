package dev.vela.samples.nativenpu;

import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Subgraph;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.ViewNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled partition: the native kernels of its nodes in order, the intermediate tensors in one arena of its own
 * (allocated once, 64-byte aligned), constants bound at compile time, boundary tensors taken from the runtime's
 * invocation. Not concurrent: the arena is shared by the invocations.
 */
final class NpuPlan implements Kernel {

    private static final int ALIGN = 64;

    /** Where a step reads or writes a value: a boundary input, a boundary output, or a fixed tensor. */
    private record Ref(int boundaryInput, int boundaryOutput, Tensor fixed) {
        Tensor resolve(Invocation invocation) {
            return boundaryInput >= 0 ? invocation.input(boundaryInput)
                    : boundaryOutput >= 0 ? invocation.output(boundaryOutput) : fixed;
        }
    }

    private record Step(Kernel kernel, Ref[] inputs, Ref[] outputs, boolean addFeedsConv) {
    }

    private final List<Step> steps;
    private final List<TensorType> outputTypes;
    private final int scratchBytes;
    private final boolean plantedBug;

    private NpuPlan(List<Step> steps, List<TensorType> outputTypes, int scratchBytes, boolean plantedBug) {
        this.steps = List.copyOf(steps);
        this.outputTypes = List.copyOf(outputTypes);
        this.scratchBytes = scratchBytes;
        this.plantedBug = plantedBug;
    }

    @Override
    public List<TensorType> outputTypes() {
        return outputTypes;
    }

    @Override
    public int scratchBytes() {
        return scratchBytes;
    }

    @Override
    public boolean isConcurrent() {
        return false;
    }

    @Override
    public void invoke(Invocation invocation) {
        ByteBuffer scratch = invocation.scratch();
        for (Step step : steps) {
            List<Tensor> in = new ArrayList<>(step.inputs.length);
            for (Ref r : step.inputs) {
                in.add(r == null ? null : r.resolve(invocation));
            }
            List<Tensor> out = new ArrayList<>(step.outputs.length);
            for (Ref r : step.outputs) {
                out.add(r.resolve(invocation));
            }
            ByteBuffer s = step.kernel.scratchBytes() == 0 || scratch == null ? null
                    : scratch.duplicate().clear().order(ByteOrder.LITTLE_ENDIAN);
            step.kernel.invoke(Invocation.of(in, out, s, invocation.threads()));
            if (plantedBug && step.addFeedsConv) {
                Tensor y = out.get(0);
                y.setLong(0, (byte) (y.getLong(0) + 1));
            }
        }
    }

    @Override
    public void close() {
        steps.forEach(s -> s.kernel.close());
    }

    /** Collects the steps of a partition, then lays out its arena. */
    static final class Builder {
        private final Subgraph subgraph;
        private final boolean plantedBug;
        private final List<ViewNode> nodes = new ArrayList<>();
        private final List<Kernel> kernels = new ArrayList<>();

        Builder(Subgraph subgraph, boolean plantedBug) {
            this.subgraph = subgraph;
            this.plantedBug = plantedBug;
        }

        void add(ViewNode node, Kernel kernel) {
            nodes.add(node);
            kernels.add(kernel);
        }

        void closeAll() {
            kernels.forEach(Kernel::close);
        }

        /** @param types the type of every value the partition reads or writes */
        NpuPlan build(Map<String, TensorType> types) {
            Map<String, Ref> refs = new HashMap<>();
            for (int i = 0; i < subgraph.inputs().size(); i++) {
                refs.put(subgraph.inputs().get(i), new Ref(i, -1, null));
            }
            List<TensorType> outputTypes = new ArrayList<>();
            for (int k = 0; k < subgraph.outputs().size(); k++) {
                String name = subgraph.outputs().get(k);
                refs.put(name, new Ref(-1, k, null));
                outputTypes.add(types.get(name));
            }
            // intermediates: one arena, each tensor 64-byte aligned
            long total = 0;
            List<String> internal = new ArrayList<>();
            for (ViewNode n : nodes) {
                for (String out : n.outputs()) {
                    if (!out.isEmpty() && !refs.containsKey(out)) {
                        internal.add(out);
                        total += align(types.get(out).byteSize());
                    }
                }
            }
            ByteBuffer arena = ByteBuffer.allocateDirect(Math.toIntExact(total + ALIGN)).alignedSlice(ALIGN)
                    .order(ByteOrder.LITTLE_ENDIAN);
            int offset = 0;
            for (String name : internal) {
                TensorType t = types.get(name);
                int bytes = Math.toIntExact(t.byteSize());
                refs.put(name, new Ref(-1, -1, Tensor.wrap(t, arena.slice(offset, bytes)
                        .order(ByteOrder.LITTLE_ENDIAN))));
                offset += Math.toIntExact(align(bytes));
            }
            Map<String, String> producerOp = new HashMap<>();
            List<Step> steps = new ArrayList<>();
            int scratch = 0;
            for (int s = 0; s < nodes.size(); s++) {
                ViewNode n = nodes.get(s);
                Ref[] in = new Ref[n.inputs().size()];
                for (int i = 0; i < in.length; i++) {
                    String v = n.inputs().get(i);
                    if (v.isEmpty()) {
                        continue;
                    }
                    Ref r = refs.get(v);
                    in[i] = r != null ? r : new Ref(-1, -1, subgraph.constant(v).orElseThrow(() ->
                            new IllegalStateException(subgraph.name() + ": value '" + v + "' has no source")));
                }
                Ref[] out = new Ref[n.outputs().size()];
                for (int k = 0; k < out.length; k++) {
                    out[k] = refs.get(n.outputs().get(k));
                }
                boolean addFeedsConv = n.op().name().equals("Conv") && !n.inputs().isEmpty()
                        && "Add".equals(producerOp.get(n.inputs().get(0)));
                n.outputs().forEach(o -> producerOp.put(o, n.op().name()));
                steps.add(new Step(kernels.get(s), in, out, addFeedsConv));
                scratch = Math.max(scratch, kernels.get(s).scratchBytes());
            }
            return new NpuPlan(steps, outputTypes, scratch, plantedBug);
        }

        private static long align(long bytes) {
            return (bytes + ALIGN - 1) / ALIGN * ALIGN;
        }
    }
}
