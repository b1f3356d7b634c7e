package dev.vela.runtime.exec;

import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.memory.Buffer;
import dev.vela.runtime.memory.InPlaceOps;
import dev.vela.runtime.memory.MemoryPlan;
import dev.vela.runtime.memory.MemoryPlanner;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where each intermediate value and each node's scratch live in a session's arena, for one set of input types.
 * Built from the sizes a run measured: values merged in place share one buffer, every buffer is placed by the
 * {@link MemoryPlanner}.
 */
final class ArenaLayout {

    final List<TensorType> inputTypes;
    /** Per value: its arena offset, or -1 when it is not in the arena (graph outputs, unmeasured). */
    final long[] valueOffset;

    final long[] valueBytes;
    /** Per node: its scratch's arena offset, or -1. */
    final long[] scratchOffset;

    final long[] scratchBytes;
    final MemoryPlan plan;
    final int inPlace;
    final int buffers;

    private ArenaLayout(
            List<TensorType> inputTypes,
            long[] valueOffset,
            long[] valueBytes,
            long[] scratchOffset,
            long[] scratchBytes,
            MemoryPlan plan,
            int inPlace,
            int buffers) {
        this.inputTypes = inputTypes;
        this.valueOffset = valueOffset;
        this.valueBytes = valueBytes;
        this.scratchOffset = scratchOffset;
        this.scratchBytes = scratchBytes;
        this.plan = plan;
        this.inPlace = inPlace;
        this.buffers = buffers;
    }

    /**
     * @param nodes the graph nodes in execution order
     * @param values the value table
     * @param inputTypes the input types the sizes were measured for
     * @param sizes per value, its measured byte size (-1 if never produced)
     * @param scratch per node, its measured scratch size
     * @param inPlaceAllowed per node, whether its kernel may write its output over its input (only kernels known
     *     to tolerate it: the SPI does not promise that outputs never alias inputs)
     * @return the layout
     */
    static ArenaLayout build(
            List<GraphNode> nodes,
            ValueTable values,
            List<TensorType> inputTypes,
            long[] sizes,
            long[] scratch,
            boolean[] inPlaceAllowed) {
        int n = values.count();
        int[] group = new int[n];
        int[] groupLast = new int[n];
        for (int id = 0; id < n; id++) {
            group[id] = id;
            groupLast[id] = values.lastUse(id);
        }
        int merged = 0;
        for (int i = 0; i < nodes.size(); i++) {
            GraphNode node = nodes.get(i);
            if (!inPlaceAllowed[i]) {
                continue;
            }
            boolean view = InPlaceOps.isView(node.op(), node.inputs());
            boolean unary = InPlaceOps.isElementwiseUnary(node.op());
            if (!(view || unary) || node.inputs().isEmpty() || node.outputs().isEmpty()) {
                continue;
            }
            int in = values.idOf(node.inputs().get(0));
            int out = values.id(i, 0);
            if (!inArena(values, sizes, in) || !inArena(values, sizes, out) || sizes[in] != sizes[out]) {
                continue;
            }
            int g = root(group, in);
            if (unary
                    && (groupLast[g] > i
                            || node.inputs()
                                    .subList(1, node.inputs().size())
                                    .contains(node.inputs().get(0)))) {
                continue; // the input (or a view of it) is read later, or again by this node: cannot overwrite
            }
            group[out] = g;
            groupLast[g] = Math.max(groupLast[g], groupLast[out]);
            merged++;
        }
        List<Buffer> buffers = new ArrayList<>();
        int[] bufferOfGroup = new int[n];
        Arrays.fill(bufferOfGroup, -1);
        for (int id = 0; id < n; id++) {
            if (inArena(values, sizes, id) && root(group, id) == id) {
                bufferOfGroup[id] = buffers.size();
                buffers.add(new Buffer(sizes[id], values.producer(id), groupLast[id]));
            }
        }
        int[] scratchBuffer = new int[nodes.size()];
        Arrays.fill(scratchBuffer, -1);
        for (int i = 0; i < nodes.size(); i++) {
            if (scratch[i] > 0) {
                scratchBuffer[i] = buffers.size();
                buffers.add(new Buffer(scratch[i], i, i));
            }
        }
        MemoryPlan plan = MemoryPlanner.plan(buffers);
        long[] valueOffset = new long[n];
        Arrays.fill(valueOffset, -1);
        for (int id = 0; id < n; id++) {
            if (inArena(values, sizes, id)) {
                valueOffset[id] = plan.offsets()[bufferOfGroup[root(group, id)]];
            }
        }
        long[] scratchOffset = new long[nodes.size()];
        Arrays.fill(scratchOffset, -1);
        for (int i = 0; i < nodes.size(); i++) {
            if (scratchBuffer[i] >= 0) {
                scratchOffset[i] = plan.offsets()[scratchBuffer[i]];
            }
        }
        return new ArenaLayout(
                List.copyOf(inputTypes),
                valueOffset,
                sizes.clone(),
                scratchOffset,
                scratch.clone(),
                plan,
                merged,
                buffers.size());
    }

    private static boolean inArena(ValueTable values, long[] sizes, int id) {
        return id >= 0 && sizes[id] >= 0 && !values.isGraphOutput(id);
    }

    private static int root(int[] group, int id) {
        while (group[id] != id) {
            id = group[id];
        }
        return id;
    }
}
