package dev.vela.spi;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * What a {@link Kernel} computes on: read-only input views, output views to fill and the scratch
 * memory it asked for. Output views are exactly the {@linkplain Kernel#outputTypes() types} the
 * kernel inferred; their contents on entry are unspecified.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public interface Invocation {

    /** @return the number of input positions */
    int inputCount();

    /**
     * @param index an input position
     * @return whether an (optional) input is present there
     */
    boolean hasInput(int index);

    /**
     * @param index a present input position
     * @return the read-only input
     */
    Tensor input(int index);

    /** @return the number of outputs */
    int outputCount();

    /**
     * @param index an output position
     * @return the output view to write
     */
    Tensor output(int index);

    /**
     * @return scratch memory of at least {@link Kernel#scratchBytes()} bytes, little-endian; empty if none was
     *     asked. Its contents on entry are undefined, on every invocation, not only the first (docs/architecture.md D14):
     *     a kernel never reads scratch it has not written during this invocation.
     */
    ByteBuffer scratch();

    /** @return how many threads the kernel may use for this invocation (1 = the calling thread only) */
    default int threads() {
        return 1;
    }

    /**
     * An invocation over given tensors; inputs are exposed read-only.
     *
     * @param inputs the inputs, {@code null} for an omitted optional input
     * @param outputs the outputs
     * @param scratch the scratch memory, or {@code null} for none
     * @return the invocation
     */
    static Invocation of(List<Tensor> inputs, List<Tensor> outputs, ByteBuffer scratch) {
        return of(inputs, outputs, scratch, 1);
    }

    /**
     * An invocation over given tensors that lets the kernel use several threads; inputs are exposed read-only.
     *
     * @param inputs the inputs, {@code null} for an omitted optional input
     * @param outputs the outputs
     * @param scratch the scratch memory, or {@code null} for none
     * @param threads how many threads the kernel may use, at least 1
     * @return the invocation
     */
    static Invocation of(List<Tensor> inputs, List<Tensor> outputs, ByteBuffer scratch, int threads) {
        return new ListInvocation(inputs, outputs, scratch, threads, List.of());
    }

    /**
     * An invocation of a stateful kernel: as {@link #of(List, List, ByteBuffer, int)}, plus the
     * session's state tensors, one per {@link Kernel#state()} entry, which the kernel updates in place.
     *
     * @param inputs the inputs, {@code null} for an omitted optional input
     * @param outputs the outputs
     * @param scratch the scratch memory, or {@code null} for none
     * @param threads how many threads the kernel may use, at least 1
     * @param state the writable state tensors
     * @return the invocation
     * @since 1.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "1.1")
    static Invocation of(
            List<Tensor> inputs, List<Tensor> outputs, ByteBuffer scratch, int threads, List<Tensor> state) {
        return new ListInvocation(inputs, outputs, scratch, threads, state);
    }

    /**
     * @return the number of state tensors: as many as the kernel's {@link Kernel#state()}; 0 by default
     * @since 1.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "1.1")
    default int stateCount() {
        return 0;
    }

    /**
     * The session's value of one piece of the kernel's state, to read and update in place. It
     * holds what the previous invocation in this session left, or the {@linkplain
     * KernelState#initialValue() initial value} after the session started or was reset.
     *
     * @param index a position in {@link Kernel#state()}
     * @return the writable state tensor
     * @throws IndexOutOfBoundsException if the kernel declared no such state
     * @since 1.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "1.1")
    default Tensor state(int index) {
        throw new IndexOutOfBoundsException("the invocation carries no state " + index);
    }
}
