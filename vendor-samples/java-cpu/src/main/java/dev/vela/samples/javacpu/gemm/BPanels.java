package dev.vela.samples.javacpu.gemm;

/**
 * The right-hand operand B [K x N] of a GEMM, delivered one column panel at a time: the engine
 * asks for columns {@code [col, col + width)} of rows {@code [k0, k0 + rows)}, packed into reused row
 * arrays. Packing lets B come from anywhere (a dense matrix, a transposed one, an image read
 * through im2col) while the inner loop always streams one contiguous array. Constant B is
 * packed once ({@link PackedB}) and hands its panels out directly.
 */
public interface BPanels {

    /**
     * Writes {@code dst[p][j] = B[k0 + p][col + j]} for {@code p < rows}, {@code j < width}.
     *
     * @param col first column
     * @param width number of columns
     * @param k0 first row
     * @param rows number of rows
     * @param dst destination rows, at least {@code rows} of them, each at least {@code width} long
     */
    void pack(int col, int width, int k0, int rows, float[][] dst);

    /**
     * @param col the first column of a panel ({@link Sgemm#NC}-aligned)
     * @return all K rows of that panel already packed ({@code rows[p][j] = B[p][col + j]}), or null
     *         if the engine must {@link #pack} them
     */
    default float[][] packedPanel(int col) {
        return null;
    }
}
