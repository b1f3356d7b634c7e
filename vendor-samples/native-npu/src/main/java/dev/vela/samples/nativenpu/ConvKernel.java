package dev.vela.samples.nativenpu;

import dev.vela.spi.Node;
import java.nio.ByteBuffer;

/**
 * A prepared convolution (Conv, depthwise Conv or Gemm) on a native plan.
 *
 * @since 0.1
 */
final class ConvKernel extends NativeKernel {

    private ConvKernel(long plan, ConvSpec spec, Node node) {
        super(plan, spec.inputTypes(), spec.output(), node.describe());
    }

    static ConvKernel create(Isa isa, ConvSpec spec, Node node) {
        long plan = NpuNative.npu_conv_create(
                isa.code(), spec.geometry(), spec.weights(), spec.bias(), spec.multipliers(), spec.shifts());
        return new ConvKernel(plan, spec, node);
    }

    @Override
    void run(long handle, ByteBuffer[] inputs, ByteBuffer output, ByteBuffer scratch) {
        NpuNative.npu_conv_run(handle, inputs[0], output, scratch);
    }
}
