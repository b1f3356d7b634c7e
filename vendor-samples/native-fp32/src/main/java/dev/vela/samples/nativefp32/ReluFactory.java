package dev.vela.samples.nativefp32;

import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;
import java.util.List;

/**
 * Float32 Relu, {@code x < 0 ? 0 : x} (NaN and -0 pass through), any shape. The runtime fuses a Relu into the Conv or
 * Gemm it follows; this kernel takes the ones left standing, such as TFLite's ADD with a fused ReLU (imported as Add
 * then Relu), so they do not fall to the reference kernel between two native ones.
 */
final class ReluFactory extends Fp32Factory<TensorType> {

    ReluFactory(Isa isa) {
        super("Relu", isa, Layout.ANY);
    }

    @Override
    TensorType analyze(Node node) {
        NodeRules.inputs(node, 1, 1);
        return NodeRules.float32(node, 0);
    }

    @Override
    Kernel build(Node node, TensorType type) {
        long plan =
                Fp32Native.fp32_clamp_create(isa().code(), type.shape().elementCount(), 0f, Float.POSITIVE_INFINITY);
        return new NativeKernel(
                plan, List.of(type), TensorType.of(type.dataType(), type.shape()), "node '" + node.name() + "'") {
            @Override
            void run(long handle, long[] inputs, long output, long scratch, int threads) {
                Fp32Native.fp32_clamp_run(handle, inputs[0], output);
            }
        };
    }
}
