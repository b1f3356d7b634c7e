package dev.vela.spi;

import java.util.Objects;

/**
 * One piece of state a {@link Kernel} keeps from one invocation to the next (an LSTM's cell
 * state, a noise estimate), declared by {@link Kernel#state()} so that the runtime owns it: it
 * allocates the tensor once per session, fills it with the {@linkplain #initialValue() initial
 * value} when the session starts and whenever it is reset, and hands the same tensor to every
 * invocation of that node in that session through {@link Invocation#state(int)}, where the kernel
 * reads and updates it in place. Two sessions never share state; a kernel keeps none in its fields.
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public final class KernelState {

    private final String name;
    private final Tensor initialValue;

    private KernelState(String name, Tensor initialValue) {
        this.name = Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("state name must not be empty");
        }
        Tensor copy = Tensor.allocate(initialValue.type());
        copy.copyFrom(initialValue);
        this.initialValue = copy.asReadOnly();
    }

    /**
     * @param name what the state holds, e.g. {@code cell_state}
     * @param type its type
     * @return state that starts as all-zero bytes
     */
    public static KernelState zeros(String name, TensorType type) {
        return new KernelState(name, Tensor.allocate(Objects.requireNonNull(type, "type")));
    }

    /**
     * @param name what the state holds
     * @param initialValue the value it starts from and returns to on reset (copied)
     * @return the state
     */
    public static KernelState startingAt(String name, Tensor initialValue) {
        return new KernelState(name, Objects.requireNonNull(initialValue, "initialValue"));
    }

    /** @return what the state holds */
    public String name() {
        return name;
    }

    /** @return its type */
    public TensorType type() {
        return initialValue.type();
    }

    /** @return the read-only value it starts from and returns to on reset */
    public Tensor initialValue() {
        return initialValue;
    }

    /** @return e.g. {@code cell_state int16[1x128]} */
    @Override
    public String toString() {
        return name + " " + initialValue.type();
    }
}
