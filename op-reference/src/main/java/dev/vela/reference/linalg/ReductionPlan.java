package dev.vela.reference.linalg;

import dev.vela.reference.support.Broadcast;
import dev.vela.spi.Shape;
import java.util.Arrays;

/**
 * Where each input element of a reduction goes, worked out once at prepare time.
 *
 * @param outShape the output shape (reduced axes kept as 1 or dropped)
 * @param outIndex for each input element, the flat index of the output element it contributes to
 * @param groupSize how many input elements meet in each output element (0 for an empty reduced axis)
 */
record ReductionPlan(Shape outShape, int[] outIndex, int groupSize) {

    /**
     * @param in the input shape
     * @param reduced which axes are reduced, one flag per input dimension
     * @param keepDims whether reduced axes stay as size 1
     * @return the plan
     */
    static ReductionPlan of(Shape in, boolean[] reduced, boolean keepDims) {
        int[] dims = in.dims();
        int[] kept = dims.clone();
        int[] dropped = new int[dims.length];
        int rank = 0;
        int group = 1;
        for (int i = 0; i < dims.length; i++) {
            if (reduced[i]) {
                kept[i] = 1;
                group *= dims[i];
            } else {
                dropped[rank++] = dims[i];
            }
        }
        Shape keptShape = Shape.of(kept);
        // Row-major order is the same with or without the unit axes, so one index map serves both.
        int[] outIndex = Broadcast.sourceIndices(keptShape, in);
        Shape out = keepDims ? keptShape : Shape.of(Arrays.copyOf(dropped, rank));
        return new ReductionPlan(out, outIndex, group);
    }

    /** @return the number of output elements */
    int outCount() {
        return outShape.elementCount();
    }
}
