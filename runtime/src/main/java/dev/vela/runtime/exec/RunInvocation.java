package dev.vela.runtime.exec;

import dev.vela.spi.Invocation;
import dev.vela.spi.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The executor's invocation: arrays instead of lists. Inputs must already be read-only views (the executor keeps
 * them so); absent inputs are null. A node in the steady state keeps one invocation for all its runs (its input
 * array refilled, {@link #begin()} called before each): then the first {@link #scratch()} of an invocation is one
 * kept view, reset to position 0, the whole capacity and little-endian order, so that a run allocates nothing; a
 * second call within the same invocation gets a view of its own, as every call did before.
 */
final class RunInvocation implements Invocation {

    private static final ByteBuffer NO_SCRATCH = ByteBuffer.allocate(0);

    private final Tensor[] inputs;
    private final Tensor[] outputs;
    private final ByteBuffer scratch;
    private final int threads;
    private final Tensor[] state;
    /** The view the first scratch() of an invocation hands out, kept across invocations; null until asked. */
    private ByteBuffer scratchView;

    private boolean scratchHanded;

    RunInvocation(Tensor[] inputs, Tensor[] outputs, ByteBuffer scratch, int threads, Tensor[] state) {
        this.state = state;
        this.inputs = inputs;
        this.outputs = outputs;
        this.scratch = scratch == null ? NO_SCRATCH : scratch;
        this.threads = threads;
    }

    @Override
    public int inputCount() {
        return inputs.length;
    }

    @Override
    public boolean hasInput(int index) {
        return index >= 0 && index < inputs.length && inputs[index] != null;
    }

    @Override
    public Tensor input(int index) {
        if (!hasInput(index)) {
            throw new IllegalArgumentException("input " + index + " is absent");
        }
        return inputs[index];
    }

    @Override
    public int outputCount() {
        return outputs.length;
    }

    @Override
    public Tensor output(int index) {
        return outputs[index];
    }

    /** Starts an invocation of a kept invocation object: the next {@link #scratch()} may reuse the kept view. */
    void begin() {
        scratchHanded = false;
    }

    @Override
    public ByteBuffer scratch() {
        if (scratchHanded) {
            return scratch.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        }
        scratchHanded = true;
        if (scratchView == null) {
            scratchView = scratch.duplicate();
        }
        scratchView.clear();
        return scratchView.order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public int stateCount() {
        return state.length;
    }

    @Override
    public Tensor state(int index) {
        if (index < 0 || index >= state.length) {
            throw new IndexOutOfBoundsException("the kernel declared " + state.length + " state tensors, not " + index);
        }
        return state[index];
    }
}
