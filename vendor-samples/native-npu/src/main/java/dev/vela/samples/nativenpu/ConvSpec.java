package dev.vela.samples.nativenpu;

import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.ActivationRange;
import java.util.List;

/**
 * Everything a native convolution plan needs, resolved on the Java side: Conv, depthwise Conv and
 * fully connected (a 1x1 convolution over rows) all become this.
 *
 * @param geometry the 20 ints of {@code npu_conv_create} (see npu_kernels.h)
 * @param weights OHWI int8 weights ([M, kH, kW, C] or depthwise [M, kH, kW, 1])
 * @param bias int32 bias per output channel, or null
 * @param multipliers quantized multiplier per output channel
 * @param shifts its shift per output channel
 * @param inputTypes the activation input types (for the call-time check)
 * @param output the output type
 * @since 0.1
 */
record ConvSpec(
        int[] geometry,
        byte[] weights,
        int[] bias,
        int[] multipliers,
        int[] shifts,
        List<TensorType> inputTypes,
        TensorType output) {

    static int[] geometry(
            int n,
            int h,
            int w,
            int c,
            int m,
            int kH,
            int kW,
            int strideH,
            int strideW,
            int dilationH,
            int dilationW,
            int padTop,
            int padLeft,
            int outH,
            int outW,
            boolean depthwise,
            int xZero,
            int yZero,
            ActivationRange range) {
        return new int[] {
            n,
            h,
            w,
            c,
            m,
            kH,
            kW,
            strideH,
            strideW,
            dilationH,
            dilationW,
            padTop,
            padLeft,
            outH,
            outW,
            depthwise ? 1 : 0,
            xZero,
            yZero,
            range.min(),
            range.max()
        };
    }
}
