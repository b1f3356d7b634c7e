package dev.vela.spi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The {@link Invocation} over lists of tensors that {@link Invocation#of} makes. */
final class ListInvocation implements Invocation {
    private final List<Tensor> inputs;
    private final List<Tensor> outputs;
    private final ByteBuffer scratch;
    private final int threads;
    private final List<Tensor> state;

    ListInvocation(List<Tensor> inputs, List<Tensor> outputs, ByteBuffer scratch, int threads, List<Tensor> state) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        List<Tensor> readOnly = new ArrayList<>(inputs.size());
        for (Tensor t : inputs) {
            readOnly.add(t == null ? null : t.asReadOnly());
        }
        this.inputs = Collections.unmodifiableList(readOnly);
        this.outputs = List.copyOf(outputs);
        this.scratch = scratch == null ? ByteBuffer.allocate(0) : scratch;
        this.threads = threads;
        this.state = List.copyOf(state);
        for (Tensor t : this.state) {
            if (t.isReadOnly()) {
                throw new IllegalArgumentException("state tensors must be writable");
            }
        }
    }

    @Override
    public int inputCount() {
        return inputs.size();
    }

    @Override
    public boolean hasInput(int index) {
        return index >= 0 && index < inputs.size() && inputs.get(index) != null;
    }

    @Override
    public Tensor input(int index) {
        if (!hasInput(index)) {
            throw new IllegalArgumentException("input " + index + " is absent");
        }
        return inputs.get(index);
    }

    @Override
    public int outputCount() {
        return outputs.size();
    }

    @Override
    public Tensor output(int index) {
        return outputs.get(index);
    }

    @Override
    public ByteBuffer scratch() {
        return scratch.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public int stateCount() {
        return state.size();
    }

    @Override
    public Tensor state(int index) {
        if (index < 0 || index >= state.size()) {
            throw new IndexOutOfBoundsException(
                    "the invocation carries " + state.size() + " state tensors, not " + index);
        }
        return state.get(index);
    }
}
