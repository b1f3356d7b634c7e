package dev.vela.runtime.exec;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.memory.ArenaFigures;
import dev.vela.runtime.memory.MemoryPlanner;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.partition.Placement;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a graph's nodes in order, each on the provider the {@link Partitioner} chose. Intermediate tensors live in
 * one arena: the first run for a set of input types allocates each tensor and measures it, then the arena is planned
 * from those sizes and later runs with the same input types place every intermediate tensor and scratch buffer in
 * it. When a run's sizes differ from the plan (shapes that depend on input values), the odd tensors are allocated
 * apart and the plan is rebuilt after the run. Graph outputs never live in the arena: they are handed to the caller.
 * One executor per session: not thread-safe.
 */
public final class Executor implements AutoCloseable {

    private final Graph graph;
    private final List<NodeRunner> runners;
    private final ValueTable values;
    private final Placement placement;
    /** Per node: the computed values no later node reads, dropped after it runs. */
    private final List<List<String>> releaseAfter;

    private boolean planning = true;
    private boolean inPlace = true;
    private int threads = 1;
    private boolean profiling;
    private long[] nanos;
    private List<NodeTiming> lastProfile = List.of();

    private ArenaLayout layout;
    private ByteBuffer arena;

    /**
     * @param graph the graph to run
     * @param registry where kernel factories come from
     */
    public Executor(Graph graph, KernelRegistry registry) {
        this(graph, Partitioner.of(registry));
    }

    /**
     * @param graph the graph to run
     * @param partitioner chooses each node's provider
     */
    public Executor(Graph graph, Partitioner partitioner) {
        this.graph = graph;
        this.placement = new Placement(graph.nodes().size());
        this.runners = new ArrayList<>(graph.nodes().size());
        List<GraphNode> nodes = graph.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            runners.add(new NodeRunner(nodes.get(i), i, partitioner, placement, graph.initializers()));
        }
        this.values = new ValueTable(graph);
        this.releaseAfter = lastUses(graph);
        this.nanos = new long[nodes.size()];
    }

    private static List<List<String>> lastUses(Graph graph) {
        Map<String, Integer> last = new HashMap<>();
        List<GraphNode> nodes = graph.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            for (String in : nodes.get(i).inputs()) {
                last.put(in, i);
            }
        }
        java.util.Set<String> keep = new java.util.HashSet<>(graph.initializers().keySet());
        for (ValueSpec out : graph.outputs()) {
            keep.add(out.name());
        }
        List<List<String>> release = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            release.add(new ArrayList<>());
        }
        last.forEach((name, i) -> {
            if (!name.isEmpty() && !keep.contains(name)) {
                release.get(i).add(name);
            }
        });
        return release;
    }

    /** @param enabled whether to plan an arena (off: every tensor is allocated on its own, as a baseline) */
    public void setMemoryPlanning(boolean enabled) {
        this.planning = enabled;
        if (!enabled) {
            layout = null;
            arena = null;
        }
    }

    /**
     * @param enabled whether the plan may let operators write over their input (on by default; only nodes run by
     *     the reference provider, whose kernels are tested for it)
     */
    public void setInPlace(boolean enabled) {
        this.inPlace = enabled;
        layout = null;
    }

    /** @param count how many threads kernels may use, at least 1 */
    public void setThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + count);
        }
        this.threads = count;
    }

    /** @param enabled whether to time every node */
    public void setProfiling(boolean enabled) {
        this.profiling = enabled;
    }

    /** @return the per-node timings of the last profiled run, in execution order */
    public List<NodeTiming> lastProfile() {
        return lastProfile;
    }

    /** @return per node reached by the last runs, the tensor types it saw, in execution order */
    public List<NodeTypes> nodeTypes() {
        List<NodeTypes> list = new ArrayList<>();
        for (NodeRunner r : runners) {
            NodeTypes t = r.types();
            if (t != null) {
                list.add(t);
            }
        }
        return List.copyOf(list);
    }

    /** @return the placement of the nodes prepared so far */
    public Placement placement() {
        return placement;
    }

    /** @return the arena for the current input types, once planned (after the first run with them) */
    public Optional<ArenaFigures> arenaFigures() {
        ArenaLayout l = layout;
        return l == null ? Optional.empty() : Optional.of(new ArenaFigures(l.plan.arenaBytes(),
                l.plan.lowerBoundBytes(), l.buffers, l.inPlace));
    }

    /**
     * Runs the graph on validated inputs.
     *
     * @param inputs one tensor per graph input
     * @return the graph outputs by name, in declaration order
     */
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        List<TensorType> inputTypes = inputTypes(inputs);
        ArenaLayout planned = planning && layout != null && layout.inputTypes.equals(inputTypes) ? layout : null;
        RunMemory memory = new RunMemory(planned);
        Map<String, Tensor> computed = new HashMap<>(graph.initializers());
        for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
            computed.put(e.getKey(), e.getValue().asReadOnly());
        }
        for (int i = 0; i < runners.size(); i++) {
            memory.node = i;
            long start = profiling ? System.nanoTime() : 0;
            runners.get(i).run(computed, memory, threads);
            if (profiling) {
                nanos[i] = System.nanoTime() - start;
            }
            for (String name : releaseAfter.get(i)) {
                computed.remove(name);
            }
        }
        if (planning && (planned == null || memory.mismatch)) {
            replan(inputTypes, memory);
        }
        if (profiling) {
            lastProfile = timings();
        }
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        for (ValueSpec out : graph.outputs()) {
            Tensor t = computed.get(out.name());
            if (graph.initializers().containsKey(out.name()) || inputs.containsKey(out.name())) {
                // never hand out the model's shared constants or the caller's own buffer as a result
                Tensor copy = Tensor.allocate(t.type());
                copy.copyFrom(t);
                t = copy;
            }
            outputs.put(out.name(), t);
        }
        return outputs;
    }

    private List<TensorType> inputTypes(Map<String, Tensor> inputs) {
        List<TensorType> types = new ArrayList<>();
        for (ValueSpec in : graph.inputs()) {
            Tensor t = inputs.get(in.name());
            types.add(t == null ? null : t.type());
        }
        return types;
    }

    private void replan(List<TensorType> inputTypes, RunMemory memory) {
        boolean[] inPlaceAllowed = new boolean[runners.size()];
        for (int i = 0; i < inPlaceAllowed.length; i++) {
            // only the reference kernels are known (and tested) to tolerate an output that aliases the input
            inPlaceAllowed[i] = inPlace && KernelRegistry.REFERENCE_PROVIDER.equals(runners.get(i).provider());
        }
        layout = ArenaLayout.build(graph.nodes(), values, inputTypes, memory.sizes, memory.scratch, inPlaceAllowed);
        long bytes = layout.plan.arenaBytes();
        if (arena == null || arena.capacity() < bytes) {
            // one extra alignment unit lets the arena start on a 64-byte boundary (alignedSlice also rounds the
            // end down to one)
            ByteBuffer raw = ByteBuffer.allocateDirect(Math.toIntExact(MemoryPlanner.alignUp(bytes)
                    + MemoryPlanner.ALIGNMENT));
            arena = raw.alignedSlice(MemoryPlanner.ALIGNMENT).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    private List<NodeTiming> timings() {
        List<NodeTiming> list = new ArrayList<>(runners.size());
        List<GraphNode> nodes = graph.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            GraphNode n = nodes.get(i);
            list.add(new NodeTiming(n.name().isEmpty() ? n.describe() : n.name(), n.op().toString(),
                    runners.get(i).provider(), nanos[i]));
        }
        return List.copyOf(list);
    }

    /** Hands nodes their outputs and scratch for one run, measuring every size. */
    private final class RunMemory implements NodeRunner.Memory {
        final ArenaLayout plan;
        final long[] sizes = values.newSizes();
        final long[] scratch = new long[runners.size()];
        int node;
        boolean mismatch;

        RunMemory(ArenaLayout plan) {
            this.plan = plan;
        }

        @Override
        public Tensor output(int output, TensorType type) {
            int id = values.id(node, output);
            long bytes = type.byteSize();
            sizes[id] = bytes;
            if (plan == null || values.isGraphOutput(id)) {
                return Tensor.allocate(type);
            }
            if (plan.valueOffset[id] < 0 || plan.valueBytes[id] != bytes) {
                mismatch = true;
                return Tensor.allocate(type);
            }
            return Tensor.wrap(type, arena.slice((int) plan.valueOffset[id], (int) bytes));
        }

        @Override
        public ByteBuffer scratch(int bytes) {
            scratch[node] = Math.max(scratch[node], bytes);
            if (plan == null) {
                return null;
            }
            if (plan.scratchOffset[node] < 0 || plan.scratchBytes[node] < bytes) {
                mismatch = true;
                return null;
            }
            return arena.slice((int) plan.scratchOffset[node], bytes).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    @Override
    public void close() {
        for (NodeRunner r : runners) {
            r.close();
        }
        arena = null;
        layout = null;
    }
}
