package dev.vela.runtime.exec;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.memory.ArenaFigures;
import dev.vela.runtime.memory.InPlaceOps;
import dev.vela.runtime.memory.MemoryPlanner;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.partition.Placement;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.runtime.profile.NodeTiming;
import dev.vela.runtime.profile.NodeTypes;
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
 * apart and the plan is rebuilt after the run. Graph outputs never live in the arena: nodes write them into the
 * session's own result buffers (allocated once per output type), and a run hands the caller a copy of each, or, with
 * {@link #setOutputReuse output reuse}, read-only views of those buffers.
 *
 * <p>Steady state: after a run that found every tensor and scratch buffer in the planned arena, each node keeps its
 * kernel, output views, scratch and invocation ({@link NodeRunner#freeze}); later runs with the same input types
 * run the nodes from those directly, without the per-run bookkeeping of the general path (memory requests, type
 * checks, kernel cache lookups), and allocate nothing but the copies of the results (none with output reuse).
 * Anything that could change what a node gets (new input types, a replan, a reset of state, another thread count,
 * an observer) sends the run down the general path, which records the steady state again.
 *
 * <p>One executor per session: not thread-safe.
 */
public final class Executor implements AutoCloseable {

    private final Graph graph;
    private final List<NodeRunner> runners;
    private final ValueTable values;
    private final Placement placement;
    /**
     * Every value a run handles has a slot: constants first, then graph inputs, then node outputs. A run works on
     * a copy of {@link #constantSlots} (the constants filled in) instead of a map by name.
     */
    private final Map<String, Integer> slotOf = new HashMap<>();

    private final Tensor[] constantSlots;
    private final int[] inputSlots;
    /** Per node: the slots no later node reads, dropped after it runs. */
    private final int[][] releaseAfter;
    /** Per node: its name, operator and the label the profile shows, computed once. */
    private final String[] profileNames;

    private final String[] profileOps;

    private boolean planning = true;
    private boolean inPlace = true;
    private int threads = 1;
    private boolean profiling;

    /** Sees every node output after the node ran; null when nobody asked (the common case costs one test). */
    private OutputObserver observer;

    private long[] nanos;
    /** The timings of the last profiled run, turned into {@link NodeTiming}s only when asked for. */
    private long[] profiledNanos;

    private String[] profiledProviders;

    /** Per selection of outputs asked for so far: the nodes a run for it executes. */
    private final Map<List<String>, boolean[]> neededNodes = new HashMap<>();

    private ArenaLayout layout;
    private ByteBuffer arena;
    /** Views on the arena for the current layout, made on first use and kept: per value and per node's scratch. */
    private Tensor[] views;

    private Tensor[] readOnlyViews;
    private ByteBuffer[] scratchViews;

    /** Per value: the session's result buffer of a graph output (nodes write it every run), and its read-only view. */
    private final Tensor[] results;

    private final Tensor[] resultViews;
    /** Whether runs hand out views of {@link #results} instead of copies. */
    private boolean outputReuse;
    /** Whether every node kept its steady state in the last general run (see the class comment). */
    private boolean steady;
    /** The slots of steady-state runs: kept from run to run (constants filled in once, the rest overwritten). */
    private Tensor[] steadySlots;
    /** Per graph input: the caller's tensor of the last run and the read-only view nodes read. */
    private final Tensor[] lastInputs;

    private final Tensor[] lastInputViews;
    /** The graph outputs a run returns, per selection asked for (null: all outputs). */
    private final OutputSet allOutputs;

    private final Map<List<String>, OutputSet> selectedOutputs = new HashMap<>();
    private final NodeRunner[] runnerArray;

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
        this.values = new ValueTable(graph);
        List<GraphNode> nodes = graph.nodes();
        List<Tensor> constants = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : graph.initializers().entrySet()) {
            slotOf.put(e.getKey(), constants.size());
            constants.add(e.getValue().asReadOnly());
        }
        int next = constants.size();
        this.inputSlots = new int[graph.inputs().size()];
        for (int i = 0; i < inputSlots.length; i++) {
            inputSlots[i] = next;
            slotOf.put(graph.inputs().get(i).name(), next++);
        }
        int firstOutputSlot = next;
        this.constantSlots = constants.toArray(new Tensor[firstOutputSlot + values.count()]);
        this.runners = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            GraphNode node = nodes.get(i);
            int[] outs = new int[node.outputs().size()];
            for (int k = 0; k < outs.length; k++) {
                outs[k] = node.outputs().get(k).isEmpty() ? -1 : firstOutputSlot + values.id(i, k);
                if (outs[k] >= 0) {
                    slotOf.put(node.outputs().get(k), outs[k]);
                }
            }
            runners.add(new NodeRunner(
                    node, i, partitioner, placement, graph.initializers(), slotsOf(node.inputs()), outs));
        }
        this.releaseAfter = lastUses(graph, slotOf);
        this.runnerArray = runners.toArray(new NodeRunner[0]);
        this.results = new Tensor[values.count()];
        this.resultViews = new Tensor[values.count()];
        this.lastInputs = new Tensor[inputSlots.length];
        this.lastInputViews = new Tensor[inputSlots.length];
        this.allOutputs =
                new OutputSet(graph.outputs().stream().map(ValueSpec::name).toList());
        this.nanos = new long[nodes.size()];
        this.profileNames = new String[nodes.size()];
        this.profileOps = new String[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            GraphNode n = nodes.get(i);
            profileNames[i] = n.name().isEmpty() ? n.describe() : n.name();
            profileOps[i] = n.op().toString();
        }
    }

    /** The slot of every named input; nodes are sorted, so a producer's outputs already have theirs. */
    private int[] slotsOf(List<String> names) {
        int[] slots = new int[names.size()];
        for (int i = 0; i < slots.length; i++) {
            String name = names.get(i);
            slots[i] = name.isEmpty() ? -1 : slotOf.getOrDefault(name, -1);
            if (slots[i] < 0 && !name.isEmpty()) {
                // Graph validation makes this unreachable; fail at load rather than mid-run
                throw new IllegalStateException("value '" + name + "' has no producer");
            }
        }
        return slots;
    }

    private static int[][] lastUses(Graph graph, Map<String, Integer> slotOf) {
        Map<String, Integer> last = new HashMap<>();
        List<GraphNode> nodes = graph.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            for (String in : nodes.get(i).inputs()) {
                last.put(in, i);
            }
        }
        java.util.Set<String> keep =
                new java.util.HashSet<>(graph.initializers().keySet());
        for (ValueSpec out : graph.outputs()) {
            keep.add(out.name());
        }
        List<List<Integer>> release = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            release.add(new ArrayList<>());
        }
        last.forEach((name, i) -> {
            if (!name.isEmpty() && !keep.contains(name)) {
                release.get(i).add(slotOf.get(name));
            }
        });
        int[][] slots = new int[nodes.size()][];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = release.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return slots;
    }

    /** @param enabled whether to plan an arena (off: every tensor is allocated on its own, as a baseline) */
    public void setMemoryPlanning(boolean enabled) {
        this.planning = enabled;
        leaveSteadyState();
        if (!enabled) {
            layout = null;
            arena = null;
            views = null;
        }
    }

    /**
     * @param enabled whether the plan may let operators write over their input (on by default; only nodes run by
     *     the reference provider, whose kernels are tested for it)
     */
    public void setInPlace(boolean enabled) {
        this.inPlace = enabled;
        leaveSteadyState();
        layout = null;
        views = null;
    }

    /** @param count how many threads kernels may use, at least 1 */
    public void setThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + count);
        }
        if (count != threads) {
            leaveSteadyState();
        }
        this.threads = count;
    }

    /**
     * @param enabled whether runs hand out read-only views of the session's result buffers, which the next run
     *     overwrites (TFLite's output tensors), instead of a copy the caller owns (the default)
     */
    public void setOutputReuse(boolean enabled) {
        this.outputReuse = enabled;
    }

    /** @return the position of a graph input by name, or -1 */
    public int inputPosition(String name) {
        List<ValueSpec> inputs = graph.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** @return the number of graph inputs */
    public int inputCount() {
        return inputSlots.length;
    }

    private void leaveSteadyState() {
        steady = false;
        for (NodeRunner r : runnerArray) {
            r.thaw();
        }
    }

    /** @param enabled whether to time every node */
    public void setProfiling(boolean enabled) {
        this.profiling = enabled;
    }

    /** @param observer sees every node output after the node ran, or null to stop */
    public void setObserver(OutputObserver observer) {
        this.observer = observer;
    }

    /** @return the per-node timings of the last profiled run, in execution order */
    public List<NodeTiming> lastProfile() {
        if (profiledNanos == null) {
            return List.of();
        }
        List<NodeTiming> list = new ArrayList<>(profiledNanos.length);
        for (int i = 0; i < profiledNanos.length; i++) {
            list.add(new NodeTiming(profileNames[i], profileOps[i], profiledProviders[i], profiledNanos[i]));
        }
        return List.copyOf(list);
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
        return l == null
                ? Optional.empty()
                : Optional.of(new ArenaFigures(l.plan.arenaBytes(), l.plan.lowerBoundBytes(), l.buffers, l.inPlace));
    }

    /**
     * Runs the graph on validated inputs.
     *
     * @param inputs one tensor per graph input
     * @return the graph outputs by name, in declaration order
     */
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        return run(inputs, null);
    }

    /**
     * Runs only the nodes the selected outputs depend on. A plan made by such a run covers what it computed; a later
     * run that computes more places the rest apart once and replans, as for shapes that depend on input values.
     *
     * @param inputs one tensor per graph input
     * @param selected names of graph outputs to compute, in the order to return them; null for all of them
     * @return the selected outputs by name
     */
    public Map<String, Tensor> run(Map<String, Tensor> inputs, List<String> selected) {
        Tensor[] byPosition = new Tensor[inputSlots.length];
        for (int i = 0; i < byPosition.length; i++) {
            byPosition[i] = inputs.get(graph.inputs().get(i).name());
        }
        return run(byPosition, selected);
    }

    /**
     * Runs only the nodes the selected outputs depend on (all with {@code selected} null).
     *
     * @param inputs one validated tensor per graph input, in the graph's input order (see {@link #inputPosition})
     * @param selected names of graph outputs to compute, in the order to return them; null for all of them
     * @return the selected outputs by name: copies the caller owns, or with output reuse read-only views that the
     *     next run overwrites
     */
    public Map<String, Tensor> run(Tensor[] inputs, List<String> selected) {
        boolean[] needed = selected == null
                ? null
                : neededNodes.computeIfAbsent(List.copyOf(selected), s -> NeededNodes.of(graph, s));
        ArenaLayout planned = planning && layout != null && sameTypes(layout.inputTypes, inputs) ? layout : null;
        Tensor[] slots;
        if (planned != null && steady && observer == null && allFrozen(needed)) {
            slots = steadySlots;
            setInputs(slots, inputs);
            runSteady(slots, needed);
        } else {
            slots = constantSlots.clone();
            setInputs(slots, inputs);
            runGeneral(slots, planned, needed, inputs);
        }
        if (profiling) {
            recordProfile();
        }
        return results(
                selected == null ? allOutputs : selectedOutputs.computeIfAbsent(selected, OutputSet::new), slots);
    }

    private void runSteady(Tensor[] slots, boolean[] needed) {
        NodeRunner[] rs = runnerArray;
        for (int i = 0; i < rs.length; i++) {
            if (needed != null && !needed[i]) {
                nanos[i] = 0;
            } else if (profiling) {
                long start = System.nanoTime();
                rs[i].runFrozen(slots);
                nanos[i] = System.nanoTime() - start;
            } else {
                rs[i].runFrozen(slots);
            }
        }
    }

    private void runGeneral(Tensor[] slots, ArenaLayout planned, boolean[] needed, Tensor[] inputs) {
        leaveSteadyState();
        RunMemory memory = new RunMemory(planned);
        for (int i = 0; i < runners.size(); i++) {
            memory.node = i;
            if (needed != null && !needed[i]) {
                nanos[i] = 0;
                continue;
            }
            long start = profiling ? System.nanoTime() : 0;
            runners.get(i).run(slots, memory, threads);
            if (profiling) {
                nanos[i] = System.nanoTime() - start;
            }
            if (observer != null) {
                observe(i, slots);
            }
            for (int slot : releaseAfter[i]) {
                slots[slot] = null;
            }
        }
        if (planning && (planned == null || memory.mismatch)) {
            replan(inputTypes(inputs), memory);
        } else if (planned != null) {
            // every tensor came from the arena or the result buffers: the next run can reuse them as they are
            for (int i = 0; i < runnerArray.length; i++) {
                if (needed == null || needed[i]) {
                    runnerArray[i].freeze(threads, aliasedView(i, planned));
                }
            }
            steadySlots = constantSlots.clone();
            steady = true;
        }
    }

    /**
     * @return whether node {@code i} is a view (Reshape, Flatten, Squeeze, Unsqueeze, Identity) on the reference
     *     whose output the plan put at its input's offset: the bytes are already where the output is read
     */
    private boolean aliasedView(int i, ArenaLayout planned) {
        GraphNode node = graph.nodes().get(i);
        if (!runnerArray[i].onReference()
                || !InPlaceOps.isView(node.op(), node.inputs())
                || node.outputs().size() != 1) {
            return false;
        }
        int in = values.idOf(node.inputs().get(0));
        int out = values.id(i, 0);
        return in >= 0
                && planned.valueOffset[in] >= 0
                && planned.valueOffset[in] == planned.valueOffset[out]
                && planned.valueBytes[in] == planned.valueBytes[out];
    }

    /** @return whether every node a run with this selection executes has its steady state */
    private boolean allFrozen(boolean[] needed) {
        NodeRunner[] rs = runnerArray;
        for (int i = 0; i < rs.length; i++) {
            if ((needed == null || needed[i]) && !rs[i].isFrozen()) {
                return false;
            }
        }
        return true;
    }

    /** Puts read-only views of the inputs in their slots, made once per caller tensor. */
    private void setInputs(Tensor[] slots, Tensor[] inputs) {
        for (int i = 0; i < inputSlots.length; i++) {
            Tensor t = inputs[i];
            if (t != lastInputs[i]) {
                lastInputs[i] = t;
                lastInputViews[i] = t == null ? null : t.asReadOnly();
            }
            slots[inputSlots[i]] = lastInputViews[i];
        }
    }

    private static boolean sameTypes(List<TensorType> planned, Tensor[] inputs) {
        for (int i = 0; i < inputs.length; i++) {
            TensorType p = planned.get(i);
            TensorType t = inputs[i] == null ? null : inputs[i].type();
            if (p != t && (p == null || !p.equals(t))) {
                return false;
            }
        }
        return true;
    }

    /** The graph outputs one kind of run returns: names, where each value is, and the declared shapes. */
    private final class OutputSet {
        final String[] names;
        /** Per output: the value a node writes, or -1 for a constant or a graph input (then {@link #slot}). */
        final int[] valueIds;

        final int[] slots;
        final ValueSpec[] declared;
        /** Per output: the type last checked against the declaration (types of a steady state do not change). */
        final TensorType[] checked;
        /** With output reuse: the map handed out last, handed out again while its views stay the same. */
        Map<String, Tensor> reused;

        OutputSet(List<String> selected) {
            int n = selected.size();
            names = selected.toArray(new String[0]);
            valueIds = new int[n];
            slots = new int[n];
            declared = new ValueSpec[n];
            checked = new TensorType[n];
            for (int k = 0; k < n; k++) {
                valueIds[k] = values.idOf(names[k]);
                slots[k] = slotOf.get(names[k]);
                for (ValueSpec d : graph.outputs()) {
                    if (d.name().equals(names[k])) {
                        declared[k] = d;
                    }
                }
            }
        }
    }

    private Map<String, Tensor> results(OutputSet set, Tensor[] slots) {
        int n = set.names.length;
        if (outputReuse && set.reused != null && sameViews(set)) {
            return set.reused;
        }
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
            int id = set.valueIds[k];
            String name = set.names[k];
            Tensor t = id >= 0 ? results[id] : slots[set.slots[k]];
            if (set.checked[k] != t.type()) {
                if (set.declared[k] != null) {
                    DeclaredOutputs.check(graph, set.declared[k], t);
                }
                set.checked[k] = t.type();
            }
            if (outputReuse && id >= 0) {
                outputs.put(name, resultViews[id]);
            } else {
                // a copy the caller owns; a constant or one of the caller's inputs is never handed out either
                Tensor copy = Allocation.heapTensor(t.type(), name);
                copy.copyFrom(t);
                outputs.put(name, copy);
            }
        }
        if (outputReuse) {
            set.reused = java.util.Collections.unmodifiableMap(outputs);
            return set.reused;
        }
        return outputs;
    }

    private boolean sameViews(OutputSet set) {
        for (int k = 0; k < set.names.length; k++) {
            int id = set.valueIds[k];
            if (id < 0 || set.reused.get(set.names[k]) != resultViews[id]) {
                return false;
            }
        }
        return true;
    }

    private void observe(int node, Tensor[] slots) {
        List<String> outs = graph.nodes().get(node).outputs();
        for (String value : outs) {
            Integer slot = value.isEmpty() ? null : slotOf.get(value);
            Tensor t = slot == null ? null : slots[slot];
            if (t != null) {
                observer.written(
                        profileNames[node], profileOps[node], runners.get(node).provider(), value, t.asReadOnly());
            }
        }
    }

    private static List<TensorType> inputTypes(Tensor[] inputs) {
        List<TensorType> types = new ArrayList<>();
        for (Tensor t : inputs) {
            types.add(t == null ? null : t.type());
        }
        return types;
    }

    private void replan(List<TensorType> inputTypes, RunMemory memory) {
        leaveSteadyState();
        boolean[] inPlaceAllowed = new boolean[runners.size()];
        for (int i = 0; i < inPlaceAllowed.length; i++) {
            // only the reference kernels are known (and tested) to tolerate an output that aliases the input
            inPlaceAllowed[i] = inPlace && runners.get(i).onReference();
        }
        layout = ArenaLayout.build(graph.nodes(), values, inputTypes, memory.sizes, memory.scratch, inPlaceAllowed);
        long bytes = layout.plan.arenaBytes();
        if (arena == null || arena.capacity() < bytes) {
            // one extra alignment unit lets the arena start on a 64-byte boundary (alignedSlice also rounds the
            // end down to one)
            ByteBuffer raw = Allocation.direct(
                    MemoryPlanner.alignUp(bytes) + MemoryPlanner.ALIGNMENT,
                    () -> "the arena of graph '" + graph.name() + "' (" + bytes
                            + " bytes for its intermediate tensors)");
            arena = raw.alignedSlice(MemoryPlanner.ALIGNMENT).order(ByteOrder.LITTLE_ENDIAN);
        }
        views = new Tensor[values.count()];
        readOnlyViews = new Tensor[values.count()];
        scratchViews = new ByteBuffer[runners.size()];
    }

    private void recordProfile() {
        if (profiledNanos == null) {
            profiledNanos = new long[runners.size()];
            profiledProviders = new String[runners.size()];
        }
        System.arraycopy(nanos, 0, profiledNanos, 0, nanos.length);
        for (int i = 0; i < profiledProviders.length; i++) {
            profiledProviders[i] = runners.get(i).provider();
        }
    }

    /**
     * The session's result buffer of a graph output, allocated once per type (direct, for native kernels): runs hand
     * the caller copies of it, or with output reuse its read-only view.
     */
    private Tensor resultBuffer(int id, TensorType type) {
        Tensor t = results[id];
        if (t == null || !t.type().equals(type)) {
            t = Tensor.allocate(type);
            results[id] = t;
            resultViews[id] = t.asReadOnly();
        }
        return t;
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
            if (values.isGraphOutput(id)) {
                return resultBuffer(id, type);
            }
            if (plan == null) {
                return Tensor.allocate(type);
            }
            if (plan.valueOffset[id] < 0 || plan.valueBytes[id] != bytes) {
                mismatch = true;
                return Tensor.allocate(type);
            }
            Tensor view = views[id];
            if (view == null || !view.type().equals(type)) {
                view = Tensor.wrap(type, arena.slice((int) plan.valueOffset[id], (int) bytes));
                views[id] = view;
                readOnlyViews[id] = view.asReadOnly();
            }
            return view;
        }

        @Override
        public Tensor published(int output, Tensor written) {
            int id = values.id(node, output);
            if (results[id] == written) {
                return resultViews[id];
            }
            return views != null && views[id] == written ? readOnlyViews[id] : written.asReadOnly();
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
            ByteBuffer view = scratchViews[node];
            if (view == null || view.capacity() != bytes) {
                view = arena.slice((int) plan.scratchOffset[node], bytes).order(ByteOrder.LITTLE_ENDIAN);
                scratchViews[node] = view;
            }
            return view;
        }
    }

    /** Returns every kernel's state to its initial value (the next run starts as the first one did). */
    public void resetState() {
        steady = false;
        for (NodeRunner r : runners) {
            r.resetState();
        }
    }

    /** @return whether a node run so far keeps state from one run to the next */
    public boolean isStateful() {
        for (NodeRunner r : runners) {
            if (r.isStateful()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        for (NodeRunner r : runners) {
            r.close();
        }
        arena = null;
        layout = null;
        views = null;
        steady = false;
    }
}
