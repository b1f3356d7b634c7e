package dev.vela.runtime.exec;

import dev.vela.runtime.error.MemoryLimitException;
import dev.vela.runtime.error.NodeExecutionException;
import dev.vela.runtime.error.UnsupportedOperatorException;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.partition.Placement;
import dev.vela.runtime.profile.NodeTypes;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.KernelState;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one graph node within one session: gathers its inputs, chooses its provider with the {@link Partitioner}
 * (once per set of input types), prepares (and caches) a kernel for the input types and value inputs of this run,
 * takes its outputs and scratch from the session's memory and invokes the kernel. Failures are reported naming the
 * node and the provider.
 */
final class NodeRunner implements AutoCloseable {

    /** The prepared kernel is valid for these input types and these run-time input values. */
    private record CacheKey(List<TensorType> types, List<ByteArray> values) {}

    /** A byte array with value equality, for cache keys. */
    private record ByteArray(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ByteArray b && Arrays.equals(b.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    /** Where a node's outputs and scratch memory come from. */
    interface Memory {
        /**
         * @param output the output position
         * @param type its type
         * @return a writable tensor of that type
         */
        Tensor output(int output, TensorType type);

        /**
         * @param bytes the scratch size the kernel asked for (positive)
         * @return a buffer of at least that many bytes, or null to use the runner's own
         */
        ByteBuffer scratch(int bytes);

        /**
         * @param output the output position
         * @param written the tensor {@link #output} gave for it, now written
         * @return the read-only view later nodes read
         */
        Tensor published(int output, Tensor written);
    }

    private final GraphNode node;
    private final int index;
    private final Partitioner partitioner;
    private final Placement placement;
    private final Map<List<TensorType>, Partitioner.Choice> choices = new HashMap<>();
    private Partitioner.Choice choice;
    private TensorType[] lastInputs;
    private List<TensorType> lastOutputs;
    private final Attributes attributes;
    private final Tensor[] constants;
    private final Map<CacheKey, Kernel> kernels = new HashMap<>();
    private final Map<Kernel, ByteBuffer> scratch = new java.util.IdentityHashMap<>();
    /** The session's state of each prepared kernel that declares some (docs/architecture.md D14): kept across runs. */
    private final Map<Kernel, Tensor[]> states = new java.util.IdentityHashMap<>();
    /** Per input position, the executor slot it reads (-1: absent); per output, the slot it fills (-1: unnamed). */
    private final int[] inputSlots;

    private final int[] outputSlots;
    /** The kernel of the last run, and whether it was prepared for run-time input values (then it is looked up). */
    private Kernel kernel;

    private boolean valueDependent;
    /** What the last run handed the kernel and published: the steady state runs with exactly these again. */
    private Tensor[] lastOutputTensors;

    private Tensor[] lastPublished;
    private ByteBuffer lastScratch;
    private Tensor[] lastState;
    /**
     * The steady state ({@link #freeze}): one invocation kept for every run, its input array refilled from the
     * slots; null when the node must take the general path (see {@link #run}).
     */
    private RunInvocation frozen;

    private Tensor[] frozenInputs;
    private Tensor[] frozenPublished;
    /** A view node whose output the arena placed on its input: the steady state publishes it without a kernel call. */
    private boolean frozenAlias;

    NodeRunner(
            GraphNode node,
            int index,
            Partitioner partitioner,
            Placement placement,
            Map<String, Tensor> initializers,
            int[] inputSlots,
            int[] outputSlots) {
        this.node = node;
        this.inputSlots = inputSlots;
        this.outputSlots = outputSlots;
        this.index = index;
        this.partitioner = partitioner;
        this.placement = placement;
        this.attributes = node.attributes().withOwner(node.describe());
        this.constants = new Tensor[node.inputs().size()];
        for (int i = 0; i < constants.length; i++) {
            Tensor c = initializers.get(node.inputs().get(i));
            constants[i] = c == null ? null : c.asReadOnly();
        }
    }

    /** @return the types of the last run that prepared a kernel, or null before */
    NodeTypes types() {
        return lastOutputs == null ? null : new NodeTypes(node, Arrays.asList(lastInputs), lastOutputs);
    }

    /** @return whether the node last ran on the golden reference's kernels (false before its first run) */
    boolean onReference() {
        return choice != null && partitioner.runsOnReference(choice);
    }

    /** @return the provider that ran the node last, or null before its first run */
    String provider() {
        return choice == null ? null : choice.provider();
    }

    /**
     * Runs the node, reading its inputs from and writing its read-only outputs to {@code slots}.
     *
     * @param slots the values computed so far, by slot (read-only views)
     * @param memory where outputs and scratch come from
     * @param threads how many threads the kernel may use
     */
    void run(Tensor[] slots, Memory memory, int threads) {
        int n = inputSlots.length;
        Tensor[] inputs = new Tensor[n];
        TensorType[] types = new TensorType[n];
        // the steady state (same input types as the last run, a kernel that did not depend on run-time values)
        // skips choosing and the kernel cache lookup: on tiny models they cost more than the kernels
        boolean same = kernel != null && !valueDependent;
        for (int i = 0; i < n; i++) {
            int slot = inputSlots[i];
            if (slot >= 0) {
                Tensor t = slots[slot];
                if (t == null) {
                    throw new NodeExecutionException(
                            node.describe() + ": input tensor '" + node.inputs().get(i) + "' has no value");
                }
                inputs[i] = t;
                types[i] = t.type();
                if (same && types[i] != lastInputs[i] && !types[i].equals(lastInputs[i])) {
                    same = false;
                }
            }
        }
        if (!same) {
            choose(types);
            kernel = kernelFor(inputs, types);
            List<TensorType> outputTypes = kernel.outputTypes();
            if (outputTypes.size() != node.outputs().size()) {
                throw new NodeExecutionException(node.describe() + ": the kernel produces " + outputTypes.size()
                        + " outputs but the node declares " + node.outputs().size());
            }
            for (int i = 0; i < outputTypes.size(); i++) {
                DeclaredOutputs.check(node, i, outputTypes.get(i));
            }
            lastInputs = types;
            lastOutputs = outputTypes;
        }
        List<TensorType> outputTypes = lastOutputs;
        Tensor[] outputs = new Tensor[outputTypes.size()];
        for (int i = 0; i < outputs.length; i++) {
            int output = i;
            Allocation.check(Allocation.bytes(outputTypes.get(i)), () -> outputDescription(output, outputTypes));
            try {
                outputs[i] = memory.output(i, outputTypes.get(i));
            } catch (OutOfMemoryError e) {
                throw new MemoryLimitException(outputDescription(output, outputTypes) + " needs "
                        + Allocation.bytes(outputTypes.get(output)) + " bytes, more memory than the JVM can reserve ("
                        + e.getMessage() + ")");
            }
        }
        ByteBuffer scratch = null;
        if (kernel.scratchBytes() > 0) {
            scratch = memory.scratch(kernel.scratchBytes());
            if (scratch == null) {
                scratch = scratchFor(kernel);
            }
        }
        Tensor[] state = stateFor(kernel);
        invoke(new RunInvocation(inputs, outputs, scratch, Math.max(1, threads), state));
        Tensor[] published = new Tensor[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            published[i] = memory.published(i, outputs[i]);
            if (outputSlots[i] >= 0) {
                slots[outputSlots[i]] = published[i];
            }
        }
        lastOutputTensors = outputs;
        lastPublished = published;
        lastScratch = scratch;
        lastState = state;
    }

    private void invoke(RunInvocation invocation) {
        try {
            kernel.invoke(invocation);
        } catch (RuntimeException | StackOverflowError e) {
            throw new NodeExecutionException(
                    node.describe() + " failed on provider '" + choice.provider() + "': " + reason(e), e);
        } catch (OutOfMemoryError e) {
            throw outOfMemory("invoking", e);
        }
    }

    /**
     * Keeps what the last run handed the kernel so that later runs take the steady path ({@link #runFrozen}). The
     * executor calls it only after a run whose every output and scratch came from the planned arena (or the
     * session's own result buffers), so the same tensors are right for the next run with the same input types.
     *
     * @param threads the thread budget of the runs to come
     * @param alias whether the node is a view (Reshape and friends, on the reference) whose output the arena placed
     *     on the very bytes of its input: its kernel would copy them onto themselves, so the steady state skips it
     * @return whether the node can run frozen (not when its kernel depends on run-time input values)
     */
    boolean freeze(int threads, boolean alias) {
        if (kernel == null || valueDependent || lastOutputTensors == null) {
            frozen = null;
            return false;
        }
        frozenAlias = alias;
        frozenInputs = new Tensor[inputSlots.length];
        frozen = new RunInvocation(
                frozenInputs, lastOutputTensors.clone(), lastScratch, Math.max(1, threads), lastState);
        frozenPublished = lastPublished.clone();
        return true;
    }

    /** Drops the steady state: the next run takes the general path. */
    void thaw() {
        frozen = null;
        frozenInputs = null;
        frozenPublished = null;
    }

    /** @return whether {@link #runFrozen} may be called */
    boolean isFrozen() {
        return frozen != null;
    }

    /**
     * The steady-state run: the same kernel, output tensors, scratch and state as the run {@link #freeze} kept,
     * no allocation, no lookup. Valid while the executor's input types, arena and thread count are those of that
     * run: every value then has the type it had, since a prepared kernel's output types are fixed.
     *
     * @param slots the values computed so far, by slot (read-only views)
     */
    void runFrozen(Tensor[] slots) {
        if (!frozenAlias) {
            invokeFrozen(slots);
        }
        Tensor[] published = frozenPublished;
        for (int i = 0; i < published.length; i++) {
            if (outputSlots[i] >= 0) {
                slots[outputSlots[i]] = published[i];
            }
        }
    }

    private void invokeFrozen(Tensor[] slots) {
        Tensor[] in = frozenInputs;
        for (int i = 0; i < in.length; i++) {
            int slot = inputSlots[i];
            in[i] = slot >= 0 ? slots[slot] : null;
        }
        RunInvocation invocation = frozen;
        invocation.begin();
        invoke(invocation);
    }

    /**
     * The session's state for a kernel, allocated and set to its initial value on the kernel's first run.
     *
     * @return the state tensors, empty for a stateless kernel
     */
    private Tensor[] stateFor(Kernel kernel) {
        Tensor[] state = states.get(kernel);
        if (state == null) {
            List<KernelState> declared;
            try {
                declared = kernel.state();
            } catch (RuntimeException e) {
                throw new NodeExecutionException(
                        node.describe() + ": provider '" + choice.provider() + "' cannot tell the kernel's state: "
                                + reason(e),
                        e);
            }
            state = new Tensor[declared == null ? 0 : declared.size()];
            for (int i = 0; i < state.length; i++) {
                state[i] = Tensor.allocate(declared.get(i).type());
                state[i].copyFrom(declared.get(i).initialValue());
            }
            states.put(kernel, state);
        }
        return state;
    }

    /** @return whether a kernel prepared so far keeps state across runs */
    boolean isStateful() {
        for (Tensor[] s : states.values()) {
            if (s.length > 0) {
                return true;
            }
        }
        return false;
    }

    /** Returns every kernel's state to its initial value, as TFLite's {@code ResetVariableTensors}. */
    void resetState() {
        states.clear();
        lastState = null;
        thaw();
    }

    /**
     * A kernel's own allocation failed (e.g. an index table the size of a huge output). The failed request was one
     * large array, so the heap is intact: the run fails with the node named and the session stays usable.
     */
    private MemoryLimitException outOfMemory(String phase, OutOfMemoryError e) {
        return new MemoryLimitException(node.describe() + " ran out of memory " + phase + " on provider '"
                + choice.provider() + "': its tensors are too large for this JVM (" + e.getMessage() + ")");
    }

    private String outputDescription(int output, List<TensorType> types) {
        String name = output < node.outputs().size() ? node.outputs().get(output) : "#" + output;
        return node.describe() + ": output '" + name + "' " + types.get(output);
    }

    /** Scratch memory the kernel asked for at prepare time, allocated once per prepared kernel. */
    private ByteBuffer scratchFor(Kernel kernel) {
        int bytes = kernel.scratchBytes();
        if (bytes <= 0) {
            return null;
        }
        ByteBuffer b = scratch.get(kernel);
        if (b == null || b.capacity() < bytes) {
            b = Allocation.direct(bytes, () -> node.describe() + ": scratch memory");
            scratch.put(kernel, b);
        }
        return b;
    }

    /** Chooses the provider for these input types (once per set of types) and records the placement. */
    private void choose(TensorType[] types) {
        List<TensorType> key = Arrays.asList(types.clone());
        Partitioner.Choice c = choices.get(key);
        if (c == null) {
            c = partitioner.choose(new RunNode(node, attributes, types, constants.clone()));
            if (c.factory() == null) {
                throw new UnsupportedOperatorException(node.describe() + " uses operator " + node.op()
                        + ", which no admitted provider implements" + rejections(c));
            }
            if (c.provider().equals(partitioner.fallbackId())) {
                checkFallbackClaims(c, types);
            }
            choices.put(key, c);
        }
        choice = c;
        placement.record(index, c.placement());
    }

    /** The fallback runs whatever others refused, but only for input types it claims. */
    private void checkFallbackClaims(Partitioner.Choice c, TensorType[] types) {
        if (types.length == 0 || types[0] == null) {
            return;
        }
        DataType t = types[0].dataType();
        Set<KernelClaim> claims = c.factory().claims();
        for (KernelClaim claim : claims) {
            if (claim.dataType() == t) {
                return;
            }
        }
        throw new UnsupportedOperatorException(node.describe() + ": no reference kernel for input type " + t.label()
                + " (claimed: " + claimedTypes(claims) + ")" + rejections(c));
    }

    private static String rejections(Partitioner.Choice c) {
        return c.placement().rejected().isEmpty()
                ? ""
                : "; other providers: "
                        + String.join(
                                "; ",
                                c.placement().rejected().stream()
                                        .map(Object::toString)
                                        .toList());
    }

    private static String claimedTypes(Set<KernelClaim> claims) {
        return claims.stream()
                .map(cl -> cl.dataType().label())
                .distinct()
                .sorted()
                .toList()
                .toString();
    }

    private Kernel kernelFor(Tensor[] inputs, TensorType[] types) {
        Tensor[] visible = constants.clone();
        RunNode preliminary = new RunNode(node, attributes, types, visible);
        Set<Integer> valueInputs;
        try {
            valueInputs = choice.factory().valueInputs(preliminary);
        } catch (RuntimeException e) {
            throw new NodeExecutionException(node.describe() + ": cannot tell its value inputs: " + e, e);
        }
        List<ByteArray> keyValues = new ArrayList<>();
        for (int i : valueInputs.stream().sorted().toList()) {
            if (i >= 0 && i < inputs.length && inputs[i] != null && visible[i] == null) {
                visible[i] = inputs[i].asReadOnly();
                keyValues.add(new ByteArray(inputs[i].toByteArray()));
            }
        }
        valueDependent = !keyValues.isEmpty();
        CacheKey key = new CacheKey(Arrays.asList(types.clone()), keyValues);
        KernelFactory factory = choice.factory();
        Kernel kernel = kernels.get(key);
        if (kernel == null) {
            try {
                kernel = factory.prepare(new RunNode(node, attributes, types, visible));
            } catch (RuntimeException | StackOverflowError e) {
                throw new NodeExecutionException(
                        node.describe() + " cannot be prepared by provider '" + choice.provider() + "': " + reason(e),
                        e);
            } catch (OutOfMemoryError e) {
                throw outOfMemory("preparing", e);
            }
            if (kernel == null) {
                throw new NodeExecutionException(node.describe() + ": the factory returned no kernel");
            }
            kernels.put(key, kernel);
        }
        return kernel;
    }

    /** The exception's message without a repeated node description; the class name too when it is not ours. */
    private String reason(Throwable e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        String prefix = node.describe() + ": ";
        if (m.startsWith(prefix)) {
            m = m.substring(prefix.length());
        }
        return e instanceof dev.vela.spi.VelaException ? m : e.getClass().getName() + (m.isEmpty() ? "" : ": " + m);
    }

    @Override
    public void close() {
        for (Kernel k : kernels.values()) {
            k.close();
        }
        kernels.clear();
        scratch.clear();
        states.clear();
        kernel = null;
        thaw();
    }
}
