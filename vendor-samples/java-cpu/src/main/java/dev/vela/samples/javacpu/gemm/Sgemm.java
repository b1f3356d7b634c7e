package dev.vela.samples.javacpu.gemm;

import dev.vela.samples.javacpu.support.Parallel;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * A blocked fp32 GEMM, {@code C = epilogue(A x B)}, in plain Java that C2 auto-vectorises.
 *
 * <p><b>Blocking.</b> B is consumed in column panels of width {@link #panelWidth(int)}, chosen so a
 * K-deep packed panel stays around 256 KiB (L2); each panel is packed once and reused for every
 * row of A. Rows of A are taken {@value #MR} at a time: the micro-kernel keeps {@value #MR} row
 * accumulators of the panel's width (L1-resident) and folds four k steps into each
 * accumulator update (see {@link #rows4}). The innermost loop is a
 * unit-stride loop over the panel width with no calls or branches, which C2's superword pass
 * turns into AVX/AVX-512 vector code.
 *
 * <p><b>Determinism.</b> Every output element is the sum over k = 0..K-1 in order, each term
 * {@code a * b} rounded and added, whichever tile, panel or thread computes it; results are
 * therefore bitwise identical for any thread count.
 *
 * <p><b>Threads.</b> Panels are split between threads; with fewer panels than threads, rows
 * are split instead (each thread then packs the panels it needs).
 */
public final class Sgemm {

    /** Rows of A per micro-kernel step. */
    public static final int MR = 4;
    private static final int PANEL_FLOATS = 64 * 1024;
    private static final int MIN_WIDTH = 16;
    private static final int MAX_WIDTH = 256;

    private Sgemm() {
    }

    /**
     * @param k the depth
     * @return the panel width used for that depth: a multiple of 16 in [16, 256]
     */
    public static int panelWidth(int k) {
        int w = PANEL_FLOATS / Math.max(1, k);
        w = w / MIN_WIDTH * MIN_WIDTH;
        return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, w));
    }

    /**
     * Computes {@code C[i][j] = epilogue(sum_p A[i][p] * B[p][j])}.
     *
     * @param m rows of A and C
     * @param n columns of B and C
     * @param k columns of A, rows of B
     * @param a A's values; row i starts at {@code aOffset + i * aRowStride}, elements contiguous
     * @param aOffset where A starts
     * @param aRowStride distance between rows of A
     * @param b B, delivered in packed panels
     * @param out where C goes
     * @param epilogue bias, scale, accumulation and clamp
     * @param threads threads to use
     */
    public static void multiply(int m, int n, int k, float[] a, int aOffset, int aRowStride, BPanels b, MatrixOut out,
            Epilogue epilogue, int threads) {
        if (m == 0 || n == 0) {
            return;
        }
        int width = panelWidth(k);
        int panels = (n + width - 1) / width;
        int rowBlocks = (m + MR - 1) / MR;
        if (panels >= threads || rowBlocks < 2) {
            Parallel.forRange(panels, threads, (from, to) -> {
                Tiles t = new Tiles(k, width);
                for (int panel = from; panel < to; panel++) {
                    computePanel(panel, width, n, 0, m, k, a, aOffset, aRowStride, b, out, epilogue, t);
                }
            });
        } else {
            Parallel.forRange(rowBlocks, threads, (from, to) -> {
                Tiles t = new Tiles(k, width);
                int rowFrom = from * MR;
                int rowTo = Math.min(m, to * MR);
                for (int panel = 0; panel < panels; panel++) {
                    computePanel(panel, width, n, rowFrom, rowTo, k, a, aOffset, aRowStride, b, out, epilogue, t);
                }
            });
        }
    }

    /** Per-thread buffers: one packed panel and MR accumulator rows, allocated once per share. */
    private static final class Tiles {
        final float[] panel;
        final float[] t0;
        final float[] t1;
        final float[] t2;
        final float[] t3;
        final float[] row;

        Tiles(int k, int width) {
            panel = new float[Math.max(1, k * width)];
            t0 = new float[width];
            t1 = new float[width];
            t2 = new float[width];
            t3 = new float[width];
            row = new float[width];
        }
    }

    private static void computePanel(int panel, int width, int n, int rowFrom, int rowTo, int k, float[] a, int aOffset,
            int aRowStride, BPanels b, MatrixOut out, Epilogue e, Tiles t) {
        int col = panel * width;
        int w = Math.min(width, n - col);
        b.pack(col, w, t.panel);
        int i = rowFrom;
        for (; i + MR <= rowTo; i += MR) {
            int r0 = aOffset + i * aRowStride;
            rows4(a, r0, r0 + aRowStride, r0 + 2 * aRowStride, r0 + 3 * aRowStride, k, t.panel, w, t.t0, t.t1, t.t2, t.t3);
            store(out, e, i, col, w, t.t0, t.row);
            store(out, e, i + 1, col, w, t.t1, t.row);
            store(out, e, i + 2, col, w, t.t2, t.row);
            store(out, e, i + 3, col, w, t.t3, t.row);
        }
        for (; i < rowTo; i++) {
            row1(a, aOffset + i * aRowStride, k, t.panel, w, t.t0);
            store(out, e, i, col, w, t.t0, t.row);
        }
    }

    /**
     * The micro-kernel: four rows of A against one packed panel. k advances four at a time and
     * each accumulator takes {@code (x0*b0 + x1*b1) + (x2*b2 + x3*b3)} per step, so every
     * accumulator load and store carries eight flops; the leftover k (K mod 4) is added one
     * term at a time. {@link #row1} uses the very same expression, so an element's value never
     * depends on which path computed it.
     */
    private static void rows4(float[] a, int r0, int r1, int r2, int r3, int k, float[] b, int w, float[] t0, float[] t1,
            float[] t2, float[] t3) {
        Arrays.fill(t0, 0, w, 0f);
        Arrays.fill(t1, 0, w, 0f);
        Arrays.fill(t2, 0, w, 0f);
        Arrays.fill(t3, 0, w, 0f);
        int p = 0;
        for (; p + 4 <= k; p += 4) {
            int b0 = p * w;
            int b1 = b0 + w;
            int b2 = b1 + w;
            int b3 = b2 + w;
            step4(a[r0 + p], a[r0 + p + 1], a[r0 + p + 2], a[r0 + p + 3], b, b0, b1, b2, b3, w, t0);
            step4(a[r1 + p], a[r1 + p + 1], a[r1 + p + 2], a[r1 + p + 3], b, b0, b1, b2, b3, w, t1);
            step4(a[r2 + p], a[r2 + p + 1], a[r2 + p + 2], a[r2 + p + 3], b, b0, b1, b2, b3, w, t2);
            step4(a[r3 + p], a[r3 + p + 1], a[r3 + p + 2], a[r3 + p + 3], b, b0, b1, b2, b3, w, t3);
        }
        for (; p < k; p++) {
            int base = p * w;
            step1(a[r0 + p], b, base, w, t0);
            step1(a[r1 + p], b, base, w, t1);
            step1(a[r2 + p], b, base, w, t2);
            step1(a[r3 + p], b, base, w, t3);
        }
    }

    /** A remainder row, with the same per-element arithmetic as {@link #rows4}. */
    private static void row1(float[] a, int r0, int k, float[] b, int w, float[] t0) {
        Arrays.fill(t0, 0, w, 0f);
        int p = 0;
        for (; p + 4 <= k; p += 4) {
            int b0 = p * w;
            step4(a[r0 + p], a[r0 + p + 1], a[r0 + p + 2], a[r0 + p + 3], b, b0, b0 + w, b0 + 2 * w, b0 + 3 * w, w, t0);
        }
        for (; p < k; p++) {
            step1(a[r0 + p], b, p * w, w, t0);
        }
    }

    private static void step4(float x0, float x1, float x2, float x3, float[] b, int b0, int b1, int b2, int b3, int w,
            float[] t) {
        for (int j = 0; j < w; j++) {
            t[j] += (x0 * b[b0 + j] + x1 * b[b1 + j]) + (x2 * b[b2 + j] + x3 * b[b3 + j]);
        }
    }

    private static void step1(float x0, float[] b, int base, int w, float[] t) {
        for (int j = 0; j < w; j++) {
            t[j] += x0 * b[base + j];
        }
    }

    /** Applies the epilogue to one accumulated row segment and writes it out. */
    private static void store(MatrixOut out, Epilogue e, int row, int col, int w, float[] acc, float[] tmp) {
        FloatBuffer buf = out.buffer();
        int start = out.offset() + row * out.rowStride() + col * out.colStride();
        int cs = out.colStride();
        float alpha = e.alpha();
        float bias = e.rowBias() == null ? 0f : e.rowBias()[row];
        if (alpha != 1f) {
            for (int j = 0; j < w; j++) {
                acc[j] *= alpha;
            }
        }
        if (bias != 0f) {
            for (int j = 0; j < w; j++) {
                acc[j] += bias;
            }
        }
        if (e.accumulate()) {
            if (cs == 1) {
                buf.get(start, tmp, 0, w);
            } else {
                for (int j = 0; j < w; j++) {
                    tmp[j] = buf.get(start + j * cs);
                }
            }
            for (int j = 0; j < w; j++) {
                acc[j] += tmp[j];
            }
        }
        e.activation().apply(acc, 0, w);
        if (cs == 1) {
            buf.put(start, acc, 0, w);
        } else {
            for (int j = 0; j < w; j++) {
                buf.put(start + j * cs, acc[j]);
            }
        }
    }
}
