package dev.vela.reference.tensor;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;

/**
 * Where the index tuples of GatherND / ScatterND point: the last indices axis holds {@code depth}
 * coordinates into data (below {@code batchDims} leading axes shared by both), each addressing a
 * contiguous slice of {@code sliceSize} elements.
 *
 * @param node the node description, for errors at invoke time
 * @param batchDims leading axes shared by data and indices
 * @param depth coordinates per tuple
 * @param batches product of the batch dimensions
 * @param tuplesPerBatch index tuples in each batch
 * @param dataDims the data dimensions
 * @param dataStrides the data strides in elements
 * @param sliceSize elements per addressed slice
 */
record NdIndexing(
        String node,
        int batchDims,
        int depth,
        int batches,
        int tuplesPerBatch,
        int[] dataDims,
        int[] dataStrides,
        int sliceSize) {

    /**
     * @param node the node, named in errors
     * @param data the data shape
     * @param indices the indices shape
     * @param batchDims the {@code batch_dims} attribute
     * @return the geometry
     */
    static NdIndexing of(Node node, Shape data, Shape indices, int batchDims) {
        int r = data.rank();
        int q = indices.rank();
        if (r < 1 || q < 1) {
            throw new InvalidNodeException(node, "data " + data + " and indices " + indices + " must have rank >= 1");
        }
        if (batchDims < 0 || batchDims >= Math.min(r, q)) {
            throw new InvalidNodeException(
                    node,
                    "batch_dims " + batchDims + " must be below the ranks of data " + data + " and indices " + indices);
        }
        int batches = 1;
        for (int i = 0; i < batchDims; i++) {
            if (data.dim(i) != indices.dim(i)) {
                throw new InvalidNodeException(
                        node, "batch dimension " + i + " differs: data " + data + ", indices " + indices);
            }
            batches *= data.dim(i);
        }
        int depth = indices.dim(q - 1);
        if (depth < 1 || depth > r - batchDims) {
            throw new InvalidNodeException(
                    node,
                    "the last indices dimension " + depth + " must be in [1, " + (r - batchDims) + "] for data "
                            + data);
        }
        int tuples = 1;
        for (int i = batchDims; i < q - 1; i++) {
            tuples *= indices.dim(i);
        }
        int slice = 1;
        for (int i = batchDims + depth; i < r; i++) {
            slice *= data.dim(i);
        }
        return new NdIndexing(node.describe(), batchDims, depth, batches, tuples, data.dims(), data.strides(), slice);
    }

    /**
     * @param indices the index values, row-major
     * @return for each tuple, the data element index where its slice starts
     */
    int[] sliceOffsets(long[] indices) {
        int[] out = new int[batches * tuplesPerBatch];
        int batchStride = batchDims == 0 ? 0 : dataStrides[batchDims - 1];
        for (int b = 0; b < batches; b++) {
            for (int t = 0; t < tuplesPerBatch; t++) {
                int tuple = b * tuplesPerBatch + t;
                int offset = b * batchStride;
                for (int j = 0; j < depth; j++) {
                    int axis = batchDims + j;
                    offset += Gather.resolve(node, indices[tuple * depth + j], dataDims[axis]) * dataStrides[axis];
                }
                out[tuple] = offset;
            }
        }
        return out;
    }
}
