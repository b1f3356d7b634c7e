package dev.vela.samples.javacpu.ops;

import dev.vela.spi.Layout;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.FusedActivation;
import dev.vela.spi.semantics.Window2d;

/**
 * Everything a 2-D Conv kernel needs to know, worked out cheaply from the node.
 *
 * @param layout NCHW (W [M, C/g, kH, kW]) or NHWC (W [M, kH, kW, C/g])
 * @param batch images
 * @param inChannels C
 * @param outChannels M
 * @param groups g
 * @param window geometry
 * @param hasBias whether input 2 is present
 * @param activation fused clamp
 * @param output the output type
 */
record ConvPlan(
        Layout layout,
        int batch,
        int inChannels,
        int outChannels,
        int groups,
        Window2d window,
        boolean hasBias,
        FusedActivation activation,
        TensorType output) {

    /** @return input channels per group */
    int groupIn() {
        return inChannels / groups;
    }

    /** @return output channels per group */
    int groupOut() {
        return outChannels / groups;
    }

    /** @return the GEMM depth: one group's input channels times the kernel window */
    int depth() {
        return groupIn() * window.kH() * window.kW();
    }

    /** @return whether every group reads one input channel (depthwise, any channel multiplier) */
    boolean isDepthwise() {
        return groups == inChannels && groups > 1 && groupIn() == 1;
    }
}
