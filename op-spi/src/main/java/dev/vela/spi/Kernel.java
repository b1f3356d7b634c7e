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
 * <p><b>Scratch is undefined on entry to every invocation</b> (docs/architecture.md D14): the scratch buffer holds
 * whatever an earlier invocation, another kernel or the runtime left there, not zeros. A kernel that
 * accumulates into scratch clears the accumulator itself on every call; one that needs a value to survive from
 * one invocation to the next keeps it as declared state, never in scratch. The conformance kit fills scratch with
 * a different garbage pattern before each invocation, and invokes each prepared kernel several times with
 * different inputs, to hold kernels to this.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public interface Kernel extends AutoCloseable {

    /** @return the type of each output, in order (shape inference, certified) */
    List<TensorType> outputTypes();

    /**
     * @return bytes of scratch memory each invocation needs; 0 by default. Its contents are undefined on entry to
     *     every invocation (see the class documentation).
     */
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
     * (docs/architecture.md decision D14). A kernel that declares state must keep none in its own fields, so
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
    default void close() {}
}
