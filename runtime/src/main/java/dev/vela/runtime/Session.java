package dev.vela.runtime;

import dev.vela.runtime.error.FallbackPolicyException;
import dev.vela.runtime.error.InvalidInputException;
import dev.vela.runtime.error.NodeExecutionException;
import dev.vela.runtime.error.UnsupportedOperatorException;
import dev.vela.runtime.exec.Executor;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.memory.ArenaFigures;
import dev.vela.runtime.partition.FallbackShare;
import dev.vela.runtime.partition.MacFallbackShare;
import dev.vela.runtime.partition.Placement;
import dev.vela.runtime.profile.NodeTiming;
import dev.vela.runtime.profile.NodeTypes;
import dev.vela.spi.Tensor;
import dev.vela.spi.VelaException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a {@link Model}. Holds its own kernels (prepared for the input types seen so far, so repeated runs with the
 * same shapes prepare nothing) and its own memory arena (planned after the first run with a set of input shapes).
 * Several sessions on one model run concurrently; one session is not thread-safe: use one per thread.
 *
 * <p>State (docs/architecture.md D14): kernels that declare state (TFLite variable tensors of LSTM and SVDF, custom
 * operators' state) keep it from one {@link #run} to the next in this session, as TFLite keeps variable tensors
 * between {@code Invoke} calls; {@link #reset()} returns it to its initial value. Sessions never share state.
 */
public final class Session implements AutoCloseable {

    private final Model model;
    private final Executor executor;
    /** The model's input names in declared order, and where each goes among the executor's inputs. */
    private final String[] inputNames;

    private final int[] inputPositions;
    /**
     * The caller's tensors of the last run, per declared input, and what they became after validation (with the
     * declared quantization attached), in the executor's order: a run with the same tensors is not validated again
     * (a tensor's type and memory never change; only its contents do).
     */
    private Tensor[] lastGiven;

    private Tensor[] lastValidated;

    Session(Model model) {
        this.model = model;
        this.executor = new Executor(model.executionGraph(), model.executionPartitioner());
        List<ValueSpec> declared = model.inputs();
        this.inputNames = new String[declared.size()];
        this.inputPositions = new int[declared.size()];
        for (int i = 0; i < inputNames.length; i++) {
            inputNames[i] = declared.get(i).name();
            inputPositions[i] = executor.inputPosition(inputNames[i]);
        }
    }

    /**
     * @param count how many threads kernels may use per invocation ({@code Invocation.threads()}), at least 1
     * @return this session
     */
    public Session withThreads(int count) {
        executor.setThreads(count);
        return this;
    }

    /**
     * @param enabled whether to record per-node wall time, operator and provider of every run
     * @return this session
     */
    public Session withProfiling(boolean enabled) {
        executor.setProfiling(enabled);
        return this;
    }

    /**
     * @param enabled whether intermediate tensors live in one planned arena (default) or are each allocated apart
     * @return this session
     */
    public Session withMemoryPlanning(boolean enabled) {
        executor.setMemoryPlanning(enabled);
        return this;
    }

    /**
     * @param enabled whether the arena plan may let operators write over their input (default on)
     * @return this session
     */
    public Session withInPlace(boolean enabled) {
        executor.setInPlace(enabled);
        return this;
    }

    /**
     * Lets an observer see every value each node writes during the following runs (for {@code vela run --dump} and
     * {@code vela diff}); pass null to stop.
     *
     * @param observer sees each node output right after the node ran
     * @return this session
     */
    public Session withValueObserver(ValueObserver observer) {
        executor.setObserver(
                observer == null
                        ? null
                        : (node, op, provider, value, tensor) ->
                                observer.written(new ValueObserver.Written(node, op, provider, value, tensor)));
        return this;
    }

    /**
     * Chooses what a run hands back. By default every run returns new tensors the caller owns: they never share
     * memory with the session, and a later run leaves them alone. With reuse on, a run returns read-only views of
     * the session's own result buffers, as TFLite's interpreter exposes its output tensors: no copy and, in the
     * steady state (the same input tensors and shapes as the run before), no allocation at all. Those views (and the
     * map, which may be the same instance from run to run) are valid until the next {@code run} or the {@link
     * #close()} of this session: the next run overwrites them in place. Copy what must outlive that
     * ({@code Tensor.copyFrom}).
     *
     * @param enabled whether runs return the session's result buffers instead of copies
     * @return this session
     */
    public Session withOutputsReused(boolean enabled) {
        executor.setOutputReuse(enabled);
        return this;
    }

    /**
     * Runs the model.
     *
     * @param inputs a tensor for every model input, by name
     * @return the model outputs by name, in the model's order; they never share memory with the session, unless
     *     {@link #withOutputsReused} says otherwise
     * @throws InvalidInputException when inputs are missing, unknown, or of the wrong type or shape
     * @throws NodeExecutionException when a kernel fails (the message names the model's source, the node and the
     *     provider); the session stays usable
     * @throws UnsupportedOperatorException when no kernel handles a node's input type
     */
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        Map<String, Tensor> outputs;
        try {
            outputs = executor.run(validated(inputs), null);
        } catch (VelaException e) {
            throw RunFailures.inModel(model.source(), e);
        }
        if (maxFallbackShare < 1) {
            Optional<String> violation = FallbackShare.of(
                            executor.placement(), model.partitioner().fallbackId(), model.delegation())
                    .exceeds(maxFallbackShare);
            if (violation.isPresent()) {
                throw new FallbackPolicyException(model.source() + ": " + violation.get());
            }
        }
        if (maxFallbackMacShare < 1) {
            Optional<String> violation = MacFallbackShare.of(
                            executor.placement(),
                            model.partitioner().fallbackId(),
                            model.delegation(),
                            model.graph(),
                            executor.nodeTypes())
                    .exceeds(maxFallbackMacShare);
            if (violation.isPresent()) {
                throw new FallbackPolicyException(model.source() + ": " + violation.get());
            }
        }
        return outputs;
    }

    /** The largest share of MACs that may fall back to the reference; 1 (no limit) by default. */
    private double maxFallbackMacShare = 1;

    /**
     * Fails runs in which more than a share of the model's multiply-accumulates (Conv, ConvTranspose, MatMul, Gemm)
     * runs on the fallback (the reference kernels) instead of an accelerator's kernels or delegate: the run's {@link
     * FallbackPolicyException} names those nodes with their MACs. Next to {@link #withMaxFallbackShare}, which counts
     * nodes.
     *
     * @param share the largest share allowed, 0 to 1 (1: no limit)
     * @return this session
     * @throws IllegalArgumentException if the share is outside 0 to 1
     */
    public Session withMaxFallbackMacShare(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("the fallback MAC share must be between 0 and 1, got " + share);
        }
        this.maxFallbackMacShare = share;
        return this;
    }

    /** The largest share of nodes that may fall back to the reference; 1 (no limit) by default. */
    private double maxFallbackShare = 1;

    /**
     * Fails runs that place more than a share of the model's nodes on the fallback (the reference kernels) instead
     * of an accelerator's kernels or delegate: the run's {@link FallbackPolicyException} names those nodes.
     *
     * @param share the largest share allowed, 0 to 1 (1: no limit)
     * @return this session
     * @throws IllegalArgumentException if the share is outside 0 to 1
     */
    public Session withMaxFallbackShare(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("the fallback share must be between 0 and 1, got " + share);
        }
        this.maxFallbackShare = share;
        return this;
    }

    /**
     * Runs only what the selected outputs need, as ONNX Runtime's {@code output_names} and TFLite's signature runner
     * outputs do: nodes no selected output depends on are not executed, and only the selected outputs are returned.
     * Every model input must still be given.
     *
     * @param inputs a tensor for every model input, by name
     * @param outputs names of model outputs, at least one, in the order the result map has them
     * @return the selected outputs by name; they never share memory with the session
     * @throws InvalidInputException when an output name is not an output of the model, or as {@link #run(Map)}
     * @throws NodeExecutionException as {@link #run(Map)}
     */
    public Map<String, Tensor> run(Map<String, Tensor> inputs, Collection<String> outputs) {
        List<String> selected = OutputSelection.check(model.source(), model.outputs(), outputs);
        try {
            return executor.run(validated(inputs), selected);
        } catch (VelaException e) {
            throw RunFailures.inModel(model.source(), e);
        }
    }

    /**
     * @return the inputs checked against the declaration, in the executor's order: the last run's when the caller
     *     passes the very same tensors again (found without allocating), else checked anew
     */
    private Tensor[] validated(Map<String, Tensor> inputs) {
        Tensor[] given = lastGiven;
        if (given != null && inputs.size() == given.length) {
            boolean same = true;
            for (int i = 0; same && i < given.length; i++) {
                same = inputs.get(inputNames[i]) == given[i];
            }
            if (same) {
                return lastValidated;
            }
        }
        Map<String, Tensor> checked = InputValidation.check(
                model.source(), model.inputs(), model.graph().initializers().keySet(), inputs);
        Tensor[] nowGiven = new Tensor[inputNames.length];
        Tensor[] nowValidated = new Tensor[executor.inputCount()];
        for (int i = 0; i < inputNames.length; i++) {
            nowGiven[i] = inputs.get(inputNames[i]);
            if (inputPositions[i] >= 0) {
                nowValidated[inputPositions[i]] = checked.get(inputNames[i]);
            }
        }
        lastGiven = nowGiven;
        lastValidated = nowValidated;
        return nowValidated;
    }

    /**
     * Returns the state of every stateful kernel to its initial value, as TFLite's {@code ResetVariableTensors}:
     * the next run computes what the first run of a new session would.
     *
     * @return this session
     */
    public Session reset() {
        executor.resetState();
        return this;
    }

    /** @return whether a node run so far keeps state from one run to the next (reset it with {@link #reset()}) */
    public boolean isStateful() {
        return executor.isStateful();
    }

    /** @return per-node timings of the last run when profiling is on (empty otherwise), in execution order */
    public List<NodeTiming> lastProfile() {
        return executor.lastProfile();
    }

    /** @return the arena for the current input shapes; empty before the first run or with planning off */
    public Optional<ArenaFigures> arena() {
        return executor.arenaFigures();
    }

    /** @return per node reached by the runs so far, the tensor types it saw (for tools: MACs, shapes) */
    public List<NodeTypes> nodeTypes() {
        return executor.nodeTypes();
    }

    /** @return which provider runs each node prepared so far, and why the others were not chosen */
    public Placement placement() {
        return executor.placement();
    }

    /** @return the model this session runs */
    public Model model() {
        return model;
    }

    /** @return the declared model inputs */
    public List<ValueSpec> inputs() {
        return model.inputs();
    }

    @Override
    public void close() {
        executor.close();
    }
}
