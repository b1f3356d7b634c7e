package dev.vela.samples.javacpu.gemm;

/**
 * A constant B [K x N] (weights) packed once, at prepare time, into the panels the micro-kernel
 * reads: panel {@code q} holds columns {@code [q * NC, q * NC + NC)} as K row arrays. The engine
 * then never copies B per call. Immutable once built, so shared by concurrent invocations.
 */
public final class PackedB implements BPanels {

    private final float[][][] panels;
    private final int k;
    private final int n;

    private PackedB(int k, int n) {
        this.k = k;
        this.n = n;
        int count = (n + Sgemm.NC - 1) / Sgemm.NC;
        panels = new float[count][][];
        for (int q = 0; q < count; q++) {
            panels[q] = new float[k][Math.min(Sgemm.NC, n - q * Sgemm.NC)];
        }
    }

    /**
     * Packs a row-major B [K x N] or, when {@code transposed}, B stored as its transpose [N x K].
     *
     * @param data the values
     * @param offset where B starts
     * @param k rows of B
     * @param n columns of B
     * @param transposed whether {@code data} holds B's transpose
     * @return the packed B
     */
    public static PackedB of(float[] data, int offset, int k, int n, boolean transposed) {
        PackedB b = new PackedB(k, n);
        for (int q = 0; q < b.panels.length; q++) {
            int col = q * Sgemm.NC;
            float[][] rows = b.panels[q];
            int w = rows.length == 0 ? 0 : rows[0].length;
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < w; j++) {
                    rows[p][j] = transposed ? data[offset + (col + j) * k + p] : data[offset + p * n + col + j];
                }
            }
        }
        return b;
    }

    /** @return rows of B */
    public int k() {
        return k;
    }

    /** @return columns of B */
    public int n() {
        return n;
    }

    @Override
    public void pack(int col, int width, int k0, int rows, float[][] dst) {
        float[][] src = panels[col / Sgemm.NC];
        int at = col % Sgemm.NC;
        for (int p = 0; p < rows; p++) {
            System.arraycopy(src[k0 + p], at, dst[p], 0, width);
        }
    }

    @Override
    public float[][] packedPanel(int col) {
        return panels[col / Sgemm.NC];
    }
}
