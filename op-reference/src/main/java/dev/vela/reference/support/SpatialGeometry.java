package dev.vela.reference.support;

import dev.vela.spi.Node;
import dev.vela.spi.semantics.SpatialWindow;

/**
 * A {@link SpatialWindow} laid out for the reference kernels' loops: every per-axis array is normalised to
 * {@link SpatialDims#DIMS} entries (leading unit kernel, unit stride and dilation and zero pads for tensors of
 * lower spatial rank), so one three-level loop serves 1-D, 2-D and 3-D. What the attributes mean (padding
 * resolution, output extent, overflow checks) is defined once, in {@link SpatialWindow}.
 */
public final class SpatialGeometry {

    /** Number of spatial dimensions of the tensor (1..3). */
    public final int rank;
    /** Input extents. */
    public final int[] input;
    /** Kernel extents. */
    public final int[] kernel;
    /** Strides. */
    public final int[] strides;
    /** Dilations. */
    public final int[] dilations;
    /** Padding before each dimension. */
    public final int[] padBegin;
    /** Padding after each dimension. */
    public final int[] padEnd;
    /** Output extents. */
    public final int[] output;

    private SpatialGeometry(SpatialWindow w) {
        this.rank = w.rank();
        this.input = SpatialDims.normalise(w.inputs(), 1);
        this.kernel = SpatialDims.normalise(w.kernels(), 1);
        this.strides = SpatialDims.normalise(w.strides(), 1);
        this.dilations = SpatialDims.normalise(w.dilations(), 1);
        this.padBegin = SpatialDims.normalise(w.padsBegin(), 0);
        this.padEnd = SpatialDims.normalise(w.padsEnd(), 0);
        this.output = SpatialDims.normalise(w.outputs(), 1);
    }

    /**
     * Geometry of a convolution (Conv): output rounded down.
     *
     * @param node the node, whose attributes are read
     * @param input the input's spatial extents
     * @param kernel the kernel's spatial extents
     * @return the geometry
     */
    public static SpatialGeometry forWindow(Node node, int[] input, int[] kernel) {
        return new SpatialGeometry(SpatialWindow.of(node, input, kernel));
    }

    /**
     * Geometry of a sliding window (Conv, pooling).
     *
     * @param node the node, whose attributes are read
     * @param input the input's spatial extents
     * @param kernel the kernel's spatial extents
     * @param ceilMode whether the output extent rounds up (pooling's {@code ceil_mode})
     * @return the geometry
     */
    public static SpatialGeometry forWindow(Node node, int[] input, int[] kernel, boolean ceilMode) {
        return new SpatialGeometry(SpatialWindow.of(node, input, kernel, ceilMode));
    }

    /**
     * Geometry of a transposed convolution (ConvTranspose, see {@link SpatialWindow#transposed}). Here
     * {@link #input} is the ConvTranspose input and {@link #output} its output; pads crop the full output.
     *
     * @param node the node, whose attributes are read
     * @param input the input's spatial extents
     * @param kernel the kernel's spatial extents
     * @return the geometry
     */
    public static SpatialGeometry forTransposed(Node node, int[] input, int[] kernel) {
        return new SpatialGeometry(SpatialWindow.transposed(node, input, kernel));
    }

    /** @return the output extents without normalisation */
    public int[] outputOfRank() {
        return SpatialDims.denormalise(output, rank);
    }

    /**
     * The one window formula of convolution and pooling: {@code position * stride - padBegin + tap * dilation}.
     *
     * @param axis a spatial axis
     * @param position an output position along it
     * @param tap a kernel tap along it
     * @return the input coordinate the tap reads; outside {@code [0, input[axis])} when it falls in the padding
     */
    public int inputCoordinate(int axis, int position, int tap) {
        return position * strides[axis] - padBegin[axis] + tap * dilations[axis];
    }
}
