package dev.vela.reference.support;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;

/**
 * The batch, channel and spatial extents of an activation tensor in a given {@link Layout}, with
 * the element strides that address it. Spatial dimensions are normalised to three (depth,
 * height, width): a 1-D tensor has depth = height = 1, a 2-D one depth = 1. Kernels then loop
 * over three spatial dimensions for every rank and address elements through the strides, so one
 * loop serves NCHW and NHWC alike.
 */
public final class SpatialDims {

    /** Spatial dimensions after normalisation. */
    public static final int DIMS = 3;

    /** Layout the strides describe. */
    public final Layout layout;
    /** Number of spatial dimensions of the tensor itself (0..3). */
    public final int spatialRank;
    /** Batch size N. */
    public final int batch;
    /** Channel count C. */
    public final int channels;
    /** Spatial extents, normalised to {@link #DIMS} (leading ones for lower ranks). */
    public final int[] spatial;
    /** Elements per batch entry. */
    public final int batchStride;
    /** Distance between neighbouring channels. */
    public final int channelStride;
    /** Distance between neighbours along each normalised spatial dimension. */
    public final int[] spatialStrides;

    private SpatialDims(Layout layout, int batch, int channels, int[] spatialOfRank) {
        this.layout = layout;
        this.spatialRank = spatialOfRank.length;
        this.batch = batch;
        this.channels = channels;
        this.spatial = normalise(spatialOfRank, 1);
        int spatialSize = spatial[0] * spatial[1] * spatial[2];
        this.spatialStrides = new int[DIMS];
        if (layout == Layout.NHWC) {
            channelStride = 1;
            spatialStrides[2] = channels;
            spatialStrides[1] = spatial[2] * channels;
            spatialStrides[0] = spatial[1] * spatial[2] * channels;
        } else {
            channelStride = spatialSize;
            spatialStrides[2] = 1;
            spatialStrides[1] = spatial[2];
            spatialStrides[0] = spatial[1] * spatial[2];
        }
        batchStride = channels * spatialSize;
    }

    /**
     * @param node the node, named in errors
     * @param shape an activation shape: [N, C, spatial...] (NCHW) or [N, spatial..., C] (NHWC)
     * @param layout the layout
     * @param minSpatial fewest spatial dimensions accepted
     * @return the extents and strides
     */
    public static SpatialDims of(Node node, Shape shape, Layout layout, int minSpatial) {
        int rank = shape.rank();
        if (rank < 2 + minSpatial || rank > 2 + DIMS) {
            throw new InvalidNodeException(
                    node,
                    "input has shape " + shape + "; expected rank " + (2 + minSpatial) + ".." + (2 + DIMS) + " ("
                            + layout + ")");
        }
        int[] dims = shape.dims();
        int[] spatialOfRank = new int[rank - 2];
        int channels;
        if (layout == Layout.NHWC) {
            System.arraycopy(dims, 1, spatialOfRank, 0, rank - 2);
            channels = dims[rank - 1];
        } else {
            System.arraycopy(dims, 2, spatialOfRank, 0, rank - 2);
            channels = dims[1];
        }
        return new SpatialDims(layout, dims[0], channels, spatialOfRank);
    }

    /**
     * @param layout the layout
     * @param batch N
     * @param channels C
     * @param spatialOfRank the spatial extents, unnormalised
     * @return the extents and strides of such a tensor
     */
    public static SpatialDims of(Layout layout, int batch, int channels, int[] spatialOfRank) {
        return new SpatialDims(layout, batch, channels, spatialOfRank.clone());
    }

    /** @return the spatial extents without normalisation, outermost first */
    public int[] spatialOfRank() {
        return denormalise(spatial, spatialRank);
    }

    /** @return number of spatial positions */
    public int spatialSize() {
        return spatial[0] * spatial[1] * spatial[2];
    }

    /** @return the tensor shape in this layout */
    public Shape shape() {
        int[] s = spatialOfRank();
        int[] dims = new int[2 + s.length];
        dims[0] = batch;
        if (layout == Layout.NHWC) {
            System.arraycopy(s, 0, dims, 1, s.length);
            dims[dims.length - 1] = channels;
        } else {
            dims[1] = channels;
            System.arraycopy(s, 0, dims, 2, s.length);
        }
        return Shape.of(dims);
    }

    /**
     * @param n batch index
     * @param c channel
     * @return offset of element (n, c, 0, 0, 0)
     */
    public int base(int n, int c) {
        return n * batchStride + c * channelStride;
    }

    /**
     * Pads an array of per-spatial-dimension values on the left to {@link #DIMS} entries.
     *
     * @param values one value per spatial dimension (at most {@link #DIMS})
     * @param fill the value for the missing leading dimensions
     * @return the normalised array
     */
    public static int[] normalise(int[] values, int fill) {
        int[] out = new int[DIMS];
        int lead = DIMS - values.length;
        for (int i = 0; i < DIMS; i++) {
            out[i] = i < lead ? fill : values[i - lead];
        }
        return out;
    }

    /**
     * @param normalised {@link #DIMS} values
     * @param rank the number of trailing ones to keep
     * @return the last {@code rank} values
     */
    public static int[] denormalise(int[] normalised, int rank) {
        int[] out = new int[rank];
        System.arraycopy(normalised, DIMS - rank, out, 0, rank);
        return out;
    }
}
