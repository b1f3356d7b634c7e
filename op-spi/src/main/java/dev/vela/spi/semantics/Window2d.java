package dev.vela.spi.semantics;

import dev.vela.spi.API;
import dev.vela.spi.Node;

/**
 * A 2-D {@link SpatialWindow} (Conv or pooling kernel) as kernels loop over it: height and width fields instead of
 * per-axis arrays. What the attributes mean (padding resolution, ceil_mode, output extent, overflow checks) is
 * defined once, in {@link SpatialWindow}; this is only its planar view, shared so that plugins need not copy it.
 *
 * @param inH input height
 * @param inW input width
 * @param kH kernel height
 * @param kW kernel width
 * @param strideH vertical stride
 * @param strideW horizontal stride
 * @param dilationH vertical dilation
 * @param dilationW horizontal dilation
 * @param padTop padding above
 * @param padLeft padding left
 * @param padBottom padding below
 * @param padRight padding right
 * @param outH output height
 * @param outW output width
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public record Window2d(
        int inH,
        int inW,
        int kH,
        int kW,
        int strideH,
        int strideW,
        int dilationH,
        int dilationW,
        int padTop,
        int padLeft,
        int padBottom,
        int padRight,
        int outH,
        int outW) {

    /**
     * @param node the node whose attributes are read
     * @param inH input height
     * @param inW input width
     * @param kH kernel height
     * @param kW kernel width
     * @param ceilMode whether output extents round up
     * @return the geometry
     * @throws dev.vela.spi.InvalidNodeException naming the node for invalid attributes or a window that does not fit
     */
    public static Window2d of(Node node, int inH, int inW, int kH, int kW, boolean ceilMode) {
        SpatialWindow w = SpatialWindow.of(node, new int[] {inH, inW}, new int[] {kH, kW}, ceilMode);
        return new Window2d(
                inH,
                inW,
                kH,
                kW,
                w.stride(0),
                w.stride(1),
                w.dilation(0),
                w.dilation(1),
                w.padBegin(0),
                w.padBegin(1),
                w.padEnd(0),
                w.padEnd(1),
                w.output(0),
                w.output(1));
    }

    /** @return output positions per image */
    public int outPixels() {
        return outH * outW;
    }

    /** @return whether a 1x1 window with unit stride and no padding reads each input pixel once, in order */
    public boolean isPointwise() {
        return kH == 1
                && kW == 1
                && strideH == 1
                && strideW == 1
                && padTop == 0
                && padLeft == 0
                && padBottom == 0
                && padRight == 0;
    }
}
