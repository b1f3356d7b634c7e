package dev.vela.samples.nativenpu;

import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.semantics.SpatialWindow;

/**
 * The 2-D sliding-window geometry of an NHWC Conv or pooling node in the form the native kernels take
 * (batch, extents, strides, dilations, begin pads, output extents). What the window attributes mean is
 * defined once, in {@link SpatialWindow}.
 *
 * @since 0.1
 */
record Window(
        int batch,
        int inH,
        int inW,
        int channels,
        int kH,
        int kW,
        int strideH,
        int strideW,
        int dilationH,
        int dilationW,
        int padTop,
        int padLeft,
        int outH,
        int outW) {

    static Window of(Node node, Shape nhwc, int kH, int kW) {
        SpatialWindow w = SpatialWindow.of(node, new int[] {nhwc.dim(1), nhwc.dim(2)}, new int[] {kH, kW});
        return new Window(
                nhwc.dim(0),
                nhwc.dim(1),
                nhwc.dim(2),
                nhwc.dim(3),
                kH,
                kW,
                w.stride(0),
                w.stride(1),
                w.dilation(0),
                w.dilation(1),
                w.padBegin(0),
                w.padBegin(1),
                w.output(0),
                w.output(1));
    }

    /** @return the NHWC output shape with {@code outChannels} channels */
    Shape outputShape(int outChannels) {
        return Shape.of(batch, outH, outW, outChannels);
    }

    /** @return whether every output position's window covers at least one input (dilation 1 assumed) */
    boolean everyWindowCoversInput() {
        for (int oy = 0; oy < outH; oy++) {
            int y0 = oy * strideH - padTop;
            if (Math.min(kH, inH - y0) <= Math.max(0, -y0)) {
                return false;
            }
        }
        for (int ox = 0; ox < outW; ox++) {
            int x0 = ox * strideW - padLeft;
            if (Math.min(kW, inW - x0) <= Math.max(0, -x0)) {
                return false;
            }
        }
        return true;
    }
}
