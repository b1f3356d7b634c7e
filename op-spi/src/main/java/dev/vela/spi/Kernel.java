package dev.vela.spi;

import java.util.List;

/**
 * A prepared kernel for one node: its inferred output types, its scratch needs, and the
 * computation. Made by {@link KernelFactory#prepare(Node)}.
 *
 * <p><b>Contract.</b> {@link #invoke(Invocation)} reads its inputs without modifying them, writes
 * every element of every output and nothing outside the output views and scratch, and gives the
 * same result for the same inputs. If {@link #isConcurrent()} is true it may be called from
 * several threads at once with distinct outputs and scratch; any state shared between calls must
 * then be immutable.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public interface Kernel extends AutoCloseable {

    /** @return the type of each output, in order (shape inference, certified) */
    List<TensorType> outputTypes();

    /** @return bytes of scratch memory each invocation needs; 0 by default */
    default int scratchBytes() {
        return 0;
    }

    /** @return whether concurrent invocations (distinct outputs and scratch) are allowed; true by default */
    default boolean isConcurrent() {
        return true;
    }

    /**
     * Computes the outputs.
     *
     * @param invocation inputs, outputs and scratch
     */
    void invoke(Invocation invocation);

    /**
     * The state this kernel keeps from one invocation to the next, which the runtime allocates per
     * session, initialises, resets on request and passes in through {@link Invocation#state(int)}
     * (ARCHITECTURE decision D14). A kernel that declares state must keep none in its own fields, so
     * that sessions never share it; invocations of one session are sequential, so {@link
     * #isConcurrent()} then speaks of distinct sessions.
     *
     * @return the state, in the order {@link Invocation#state(int)} indexes it; empty by default
     *     (stateless, as every 1.0 kernel)
     * @since 1.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "1.1")
    default List<KernelState> state() {
        return List.of();
    }

    /** Releases resources (packed weights in native memory, ...). The kernel is not used afterwards. */
    @Override
    default void close() {
    }
}
