package dev.vela.samples.javacpu.gemm;

/**
 * B as a dense row-major array, or its transpose: element {@code (p, j)} lives at
 * {@code data[offset + p * rowStride + j]}, or at {@code data[offset + j * rowStride + p]} when transposed.
 *
 * @param data the values
 * @param offset where B starts
 * @param rowStride elements between consecutive rows of the stored matrix
 * @param k rows of B
 * @param transposed whether the array stores B's transpose
 */
public record DenseB(float[] data, int offset, int rowStride, int k, boolean transposed) implements BPanels {

    @Override
    public void pack(int col, int width, int k0, int rows, float[][] dst) {
        if (!transposed) {
            for (int p = 0; p < rows; p++) {
                System.arraycopy(data, offset + (k0 + p) * rowStride + col, dst[p], 0, width);
            }
            return;
        }
        for (int j = 0; j < width; j++) {
            int src = offset + (col + j) * rowStride + k0;
            for (int p = 0; p < rows; p++) {
                dst[p][j] = data[src + p];
            }
        }
    }
}
