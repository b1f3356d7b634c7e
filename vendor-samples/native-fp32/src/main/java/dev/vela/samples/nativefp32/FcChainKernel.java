package dev.vela.samples.nativefp32;

import dev.vela.spi.TensorType;
import java.util.List;

/**
 * A chain of fully connected layers compiled by {@link Fp32Delegate}: one native plan that runs every layer in one
 * call ({@code fp32_chain_run}), the intermediates in two halves of this kernel's scratch. Per layer it saves the
 * runtime's invocation of a node and a JNI crossing, tens of nanoseconds each against AD's layers of a few hundred
 * nanoseconds to a few microseconds. The layers' kernels, whose plans the chain borrows, stay open until it closes.
 * Runs on the calling thread at any thread count: every layer of the chains this delegate takes is far below the
 * size at which a per-node kernel would split its rows ({@link Threads#MIN_FLOPS}); larger chains are not proposed.
 */
final class FcChainKernel extends NativeKernel {

    private final List<NativeKernel> layers;

    /**
     * @param chain the chain plan, owned from now on
     * @param layers the layers' kernels, closed after the chain
     * @param inputType the first layer's A
     * @param outputType the last layer's output
     * @param what the partition, for messages
     */
    FcChainKernel(long chain, List<NativeKernel> layers, TensorType inputType, TensorType outputType, String what) {
        super(chain, List.of(inputType), outputType, what);
        this.layers = List.copyOf(layers);
    }

    /** @return how many layers run in one call */
    int layers() {
        return layers.size();
    }

    @Override
    void run(long handle, long[] inputs, long output, long scratch, int threads) {
        Fp32Native.fp32_chain_run(handle, inputs[0], output, scratch);
    }

    @Override
    void closed() {
        layers.forEach(NativeKernel::close);
    }
}
