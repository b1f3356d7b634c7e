package dev.vela.reference.nn;

/**
 * Resampling of one axis: for each output coordinate, {@link #count()} source indices (already
 * clamped to the input) with their weights, or a flag that the coordinate lies outside the
 * crop region and takes the extrapolation value. Immutable once built.
 */
final class ResizeTaps {

    private final int inSize;
    private final int outSize;
    private final int count;
    private final int[] index;
    private final double[] weight;
    private final boolean[] extrapolate;

    ResizeTaps(int inSize, int outSize, int count, int[] index, double[] weight, boolean[] extrapolate) {
        this.inSize = inSize;
        this.outSize = outSize;
        this.count = count;
        this.index = index;
        this.weight = weight;
        this.extrapolate = extrapolate;
    }

    int outSize() {
        return outSize;
    }

    int count() {
        return count;
    }

    /**
     * Resamples {@code axis} of a row-major array of extents {@code dims}.
     *
     * @return a new array whose {@code axis} has {@link #outSize()} entries
     */
    double[] apply(double[] in, int[] dims, int axis, double extrapolation) {
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= dims[i];
        }
        int inner = 1;
        for (int i = axis + 1; i < dims.length; i++) {
            inner *= dims[i];
        }
        double[] out = new double[outer * outSize * inner];
        for (int o = 0; o < outer; o++) {
            int inBase = o * inSize * inner;
            int outBase = o * outSize * inner;
            for (int j = 0; j < outSize; j++) {
                int row = outBase + j * inner;
                if (extrapolate[j]) {
                    java.util.Arrays.fill(out, row, row + inner, extrapolation);
                    continue;
                }
                for (int t = 0; t < count; t++) {
                    double w = weight[j * count + t];
                    if (w == 0) {
                        continue;
                    }
                    int src = inBase + index[j * count + t] * inner;
                    for (int k = 0; k < inner; k++) {
                        out[row + k] += w * in[src + k];
                    }
                }
            }
        }
        return out;
    }
}
