package dev.vela.reference.nn;

import dev.vela.reference.support.SpatialDims;

/** Per-channel statistics and spatial addressing shared by the normalisation kernels. */
final class ChannelStatistics {

    private ChannelStatistics() {}

    /**
     * @param x the tensor geometry
     * @param s a spatial position in row-major order
     * @return its offset relative to {@link SpatialDims#base(int, int)}
     */
    static int offset(SpatialDims x, int s) {
        int w = s % x.spatial[2];
        int rest = s / x.spatial[2];
        int h = rest % x.spatial[1];
        int d = rest / x.spatial[1];
        return d * x.spatialStrides[0] + h * x.spatialStrides[1] + w * x.spatialStrides[2];
    }

    /**
     * Mean and population variance of each channel over the batch and all spatial positions.
     *
     * @param in the elements
     * @param x their geometry
     * @param mean receives one mean per channel
     * @param variance receives one variance per channel
     */
    static void meanAndVariance(double[] in, SpatialDims x, double[] mean, double[] variance) {
        int spatial = x.spatialSize();
        long count = (long) x.batch * spatial;
        for (int c = 0; c < x.channels; c++) {
            double sum = 0;
            for (int n = 0; n < x.batch; n++) {
                for (int s = 0; s < spatial; s++) {
                    sum += in[x.base(n, c) + offset(x, s)];
                }
            }
            double m = sum / count;
            double sq = 0;
            for (int n = 0; n < x.batch; n++) {
                for (int s = 0; s < spatial; s++) {
                    double d = in[x.base(n, c) + offset(x, s)] - m;
                    sq += d * d;
                }
            }
            mean[c] = m;
            variance[c] = sq / count;
        }
    }
}
