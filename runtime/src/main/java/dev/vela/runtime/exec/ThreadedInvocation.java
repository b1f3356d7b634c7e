package dev.vela.runtime.exec;

import dev.vela.spi.Invocation;
import dev.vela.spi.Tensor;
import java.nio.ByteBuffer;

/** An invocation that lets the kernel use a session's intra-op thread count. */
final class ThreadedInvocation implements Invocation {

    private final Invocation delegate;
    private final int threads;

    private ThreadedInvocation(Invocation delegate, int threads) {
        this.delegate = delegate;
        this.threads = threads;
    }

    /**
     * @param delegate the invocation
     * @param threads the thread count, at least 1
     * @return the delegate itself for one thread, else a wrapper reporting the count
     */
    static Invocation of(Invocation delegate, int threads) {
        return threads <= 1 ? delegate : new ThreadedInvocation(delegate, threads);
    }

    @Override
    public int inputCount() {
        return delegate.inputCount();
    }

    @Override
    public boolean hasInput(int index) {
        return delegate.hasInput(index);
    }

    @Override
    public Tensor input(int index) {
        return delegate.input(index);
    }

    @Override
    public int outputCount() {
        return delegate.outputCount();
    }

    @Override
    public Tensor output(int index) {
        return delegate.output(index);
    }

    @Override
    public ByteBuffer scratch() {
        return delegate.scratch();
    }

    @Override
    public int threads() {
        return threads;
    }
}
