package dev.vela.samples.javacpu.gemm;

/**
 * The right-hand operand B [K x N] of a GEMM, delivered one column panel at a time: the engine
 * asks for columns {@code [col, col + width)} over all K rows, packed row-major into a reused
 * buffer. Packing lets B come from anywhere (a dense matrix, a transposed one, an image read
 * through im2col) while the inner loop always streams one contiguous array.
 */
public interface BPanels {

    /**
     * Writes {@code dst[p * width + j] = B[p][col + j]} for {@code p < K}, {@code j < width}.
     *
     * @param col first column
     * @param width number of columns
     * @param dst destination, at least {@code K * width} long
     */
    void pack(int col, int width, float[] dst);
}
