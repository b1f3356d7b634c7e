package dev.vela.reference.tensor;

import dev.vela.spi.Shape;

/**
 * Where each element of an indices tensor points in a data tensor when one axis is replaced by
 * the index value (GatherElements, ScatterElements).
 */
final class ElementIndexing {

    private final String node;
    private final Shape indices;
    private final int axisSize;
    private final int axisStride;
    private final int[] dataStrides;

    ElementIndexing(String node, Shape data, Shape indices, int axis) {
        this.node = node;
        this.indices = indices;
        this.axisSize = data.dim(axis);
        this.dataStrides = data.strides();
        this.axisStride = dataStrides[axis];
        this.dataStrides[axis] = 0;
    }

    /** @return for each indices element, the data offset of its coordinates with the axis coordinate left out */
    int[] baseOffsets() {
        return StridedIndex.walk(indices.dims(), dataStrides, 0);
    }

    /**
     * @param base the offsets from {@link #baseOffsets()}
     * @param values the index values, which may be negative
     * @return the data element index for each indices element
     */
    int[] resolve(int[] base, long[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = base[i] + Gather.resolve(node, values[i], axisSize) * axisStride;
        }
        return out;
    }
}
