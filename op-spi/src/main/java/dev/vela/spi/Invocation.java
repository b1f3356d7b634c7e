package dev.vela.spi;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
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
     *     asked. Its contents on entry are undefined, on every invocation, not only the first (ARCHITECTURE.md D14):
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
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        List<Tensor> readOnly = new ArrayList<>(inputs.size());
        for (Tensor t : inputs) {
            readOnly.add(t == null ? null : t.asReadOnly());
        }
        List<Tensor> in = Collections.unmodifiableList(readOnly);
        List<Tensor> out = List.copyOf(outputs);
        ByteBuffer scr = scratch == null ? ByteBuffer.allocate(0) : scratch;
        return new Invocation() {
            @Override
            public int inputCount() {
                return in.size();
            }

            @Override
            public boolean hasInput(int index) {
                return index >= 0 && index < in.size() && in.get(index) != null;
            }

            @Override
            public Tensor input(int index) {
                if (!hasInput(index)) {
                    throw new IllegalArgumentException("input " + index + " is absent");
                }
                return in.get(index);
            }

            @Override
            public int outputCount() {
                return out.size();
            }

            @Override
            public Tensor output(int index) {
                return out.get(index);
            }

            @Override
            public ByteBuffer scratch() {
                return scr.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
            }

            @Override
            public int threads() {
                return threads;
            }
        };
    }
}
