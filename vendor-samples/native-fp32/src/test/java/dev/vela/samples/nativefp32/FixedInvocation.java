package dev.vela.samples.nativefp32;

import dev.vela.spi.Invocation;
import dev.vela.spi.Tensor;
import java.nio.ByteBuffer;

/**
 * Always the same one input, one output, scratch and thread count, as the runtime's steady state hands them: the
 * allocation and buffer-reuse tests invoke a kernel with it over and over.
 */
record FixedInvocation(Tensor in, Tensor out, ByteBuffer scratch, int threads) implements Invocation {

    private static final ByteBuffer NO_SCRATCH = ByteBuffer.allocateDirect(0);

    /** No scratch, one thread. */
    FixedInvocation(Tensor in, Tensor out) {
        this(in, out, NO_SCRATCH, 1);
    }

    @Override
    public int inputCount() {
        return 1;
    }

    @Override
    public boolean hasInput(int index) {
        return index == 0;
    }

    @Override
    public Tensor input(int index) {
        return in;
    }

    @Override
    public int outputCount() {
        return 1;
    }

    @Override
    public Tensor output(int index) {
        return out;
    }
}
