package dev.vela.samples.javacpu.gemm;

import dev.vela.samples.javacpu.support.Parallel;
import java.util.Arrays;

/**
 * A blocked fp32 GEMM, {@code C = epilogue(A x B)}, in plain Java that C2 auto-vectorises.
 *
 * <p><b>Blocking.</b> C is computed in column panels of {@value #NC} columns. For each panel, B is
 * packed {@value #KC} rows at a time (a 256 KiB block that stays in L2) and up to {@value #MC}
 * rows of A are run against it, accumulating into one float row per row of C (L1 sized per four
 * rows); re-packing B for each group of {@value #MC} rows costs under 1% of the multiply. A
 * constant B ({@link PackedB}) is packed once, at prepare time, into exactly these panels and is
 * read in place. Rows of A are taken {@value #MR} at a time by the micro-kernel {@link #rows4},
 * which folds four k steps into each accumulator update; with one row (a GEMV, M = 1) the same
 * loop runs along a packed row of B. After the last block of K the epilogue (scale, bias,
 * pre-filled addend, clamp) is applied once and the panel is stored. Panels are arrays of rows so
 * that every array in the inner loop is indexed alike, which C2 needs before it vectorises. The
 * block and accumulators are the calling thread's, reused by every call.
 *
 * <p><b>Determinism.</b> Every output element is accumulated over k in order, in groups of four
 * ({@code KC} is a multiple of four, so blocks never split a group), whichever tile, panel or
 * thread computes it; results are bitwise identical for any thread count.
 *
 * <p><b>Threads.</b> Panels are split between threads; with fewer panels than threads, rows
 * are split instead (each thread then packs the panels it needs). Products under
 * {@link #PARALLEL_MIN_MACS} multiply-adds stay on the calling thread.
 */
public final class Sgemm {

    /** Rows of A per micro-kernel step. */
    public static final int MR = 4;
    /** Columns of C per panel. */
    public static final int NC = 256;
    /** Rows of B per packed block; a multiple of 4. */
    public static final int KC = 256;
    /** Rows of C per tile: bounds the accumulators at MC x NC floats (256 KiB) whatever M is. */
    public static final int MC = 256;
    /**
     * Whether the micro-kernel uses {@link Math#fma}: only where the JVM compiles it to the FMA
     * instruction ({@code -XX:+UseFMA}, on by default on CPUs that have it), where C2 vectorises it
     * and it measured 25-30% faster than {@code a * b + c} (half the arithmetic instructions, and
     * the loop was arithmetic-bound). Elsewhere {@code Math.fma} is a slow exact software routine,
     * so the plain expression is used. Either way every element is computed by the same
     * expression whatever the thread count; the two differ only in rounding (fma rounds once).
     */
    static final boolean FUSED_MULTIPLY_ADD = jvmUsesFma();
    /** Products smaller than this many multiply-adds run on the calling thread only. */
    public static final long PARALLEL_MIN_MACS = 1L << 20;

    private Sgemm() {}

    private static boolean jvmUsesFma() {
        try {
            return Boolean.parseBoolean(java.lang.management.ManagementFactory.getPlatformMXBean(
                            com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption("UseFMA")
                    .getValue());
        } catch (RuntimeException | LinkageError e) {
            // not HotSpot, or no management module: assume no hardware FMA
            return false;
        }
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
    public static void multiply(
            int m,
            int n,
            int k,
            float[] a,
            int aOffset,
            int aRowStride,
            BPanels b,
            MatrixOut out,
            Epilogue epilogue,
            int threads) {
        if (m == 0 || n == 0) {
            return;
        }
        int panels = (n + NC - 1) / NC;
        int rowBlocks = (m + MR - 1) / MR;
        // Handing a share to another thread costs microseconds: small products stay on the caller.
        int useThreads = (long) m * n * k < PARALLEL_MIN_MACS ? 1 : threads;
        if (panels >= useThreads || rowBlocks < 2) {
            Parallel.forRange(panels, useThreads, (from, to) -> {
                Tiles t = Tiles.current();
                for (int panel = from; panel < to; panel++) {
                    computePanel(panel, n, 0, m, k, a, aOffset, aRowStride, b, out, epilogue, t);
                }
            });
        } else {
            Parallel.forRange(rowBlocks, useThreads, (from, to) -> {
                int rowFrom = from * MR;
                int rowTo = Math.min(m, to * MR);
                Tiles t = Tiles.current();
                for (int panel = 0; panel < panels; panel++) {
                    computePanel(panel, n, rowFrom, rowTo, k, a, aOffset, aRowStride, b, out, epilogue, t);
                }
            });
        }
    }

    /**
     * The calling thread's buffers, allocated once per thread at their largest size: one packed
     * block of B and the accumulators of up to {@value #MC} rows. Reused by every GEMM the thread
     * runs (GEMMs never nest), so a call allocates nothing.
     */
    private static final class Tiles {
        private static final ThreadLocal<Tiles> CURRENT = ThreadLocal.withInitial(Tiles::new);

        final float[][] block = new float[KC][NC];
        final float[][] acc = new float[MC][NC];

        static Tiles current() {
            return CURRENT.get();
        }
    }

    private static void computePanel(
            int panel,
            int n,
            int rowFrom,
            int rowTo,
            int k,
            float[] a,
            int aOffset,
            int aRowStride,
            BPanels b,
            MatrixOut out,
            Epilogue e,
            Tiles t) {
        int col = panel * NC;
        int w = Math.min(NC, n - col);
        for (int rows = rowFrom; rows < rowTo; rows += MC) {
            computeTile(col, w, rows, Math.min(rowTo, rows + MC), k, a, aOffset, aRowStride, b, out, e, t);
        }
    }

    /** Rows {@code [rowFrom, rowTo)} (at most MC) of one panel: all of K, then the epilogue. */
    private static void computeTile(
            int col,
            int w,
            int rowFrom,
            int rowTo,
            int k,
            float[] a,
            int aOffset,
            int aRowStride,
            BPanels b,
            MatrixOut out,
            Epilogue e,
            Tiles t) {
        float[][] acc = t.acc;
        for (int i = rowFrom; i < rowTo; i++) {
            Arrays.fill(acc[i - rowFrom], 0, w, 0f);
        }
        float[][] packed = b.packedPanel(col);
        for (int k0 = 0; k0 < k; k0 += KC) {
            int kc = Math.min(KC, k - k0);
            float[][] block;
            int p0;
            if (packed != null) {
                block = packed;
                p0 = k0;
            } else {
                b.pack(col, w, k0, kc, t.block);
                block = t.block;
                p0 = 0;
            }
            int i = rowFrom;
            for (; i + MR <= rowTo; i += MR) {
                int r0 = aOffset + i * aRowStride + k0;
                int at = i - rowFrom;
                rows4(
                        a,
                        r0,
                        r0 + aRowStride,
                        r0 + 2 * aRowStride,
                        r0 + 3 * aRowStride,
                        kc,
                        block,
                        p0,
                        w,
                        acc[at],
                        acc[at + 1],
                        acc[at + 2],
                        acc[at + 3]);
            }
            for (; i < rowTo; i++) {
                row1(a, aOffset + i * aRowStride + k0, kc, block, p0, w, acc[i - rowFrom]);
            }
        }
        for (int i = rowFrom; i < rowTo; i++) {
            store(out, e, i, col, w, acc[i - rowFrom], k, a, aOffset + i * aRowStride, b);
        }
    }

    /**
     * The micro-kernel: adds four rows of A times one packed block of B to their accumulators.
     * k advances four at a time and each accumulator takes {@code (x0*b0 + x1*b1) + (x2*b2 + x3*b3)}
     * per step, so each accumulator load and store carries eight flops; the leftover k (K mod 4)
     * is added one term at a time. Each row is its own small loop ({@link #step4}): C2 vectorises
     * those reliably, where one fused four-row loop body measured three times slower.
     * With {@link #FUSED_MULTIPLY_ADD} the four terms are chained fmas instead.
     * {@link #row1} uses the very same expression, so an element's value never depends on which
     * path computed it. Every array is indexed by the same {@code j}: C2 (JDK 17) vectorises a
     * loop only when it can rule out overlap between the arrays it loads and stores, and equal
     * indices are the case it can prove; this is why blocks are arrays of rows, not one array.
     */
    private static void rows4(
            float[] a,
            int r0,
            int r1,
            int r2,
            int r3,
            int k,
            float[][] b,
            int p0,
            int w,
            float[] t0,
            float[] t1,
            float[] t2,
            float[] t3) {
        int p = 0;
        for (; p + 4 <= k; p += 4) {
            float[] b0 = b[p0 + p];
            float[] b1 = b[p0 + p + 1];
            float[] b2 = b[p0 + p + 2];
            float[] b3 = b[p0 + p + 3];
            step4(a, r0 + p, b0, b1, b2, b3, w, t0);
            step4(a, r1 + p, b0, b1, b2, b3, w, t1);
            step4(a, r2 + p, b0, b1, b2, b3, w, t2);
            step4(a, r3 + p, b0, b1, b2, b3, w, t3);
        }
        for (; p < k; p++) {
            step1(a[r0 + p], b[p0 + p], w, t0);
            step1(a[r1 + p], b[p0 + p], w, t1);
            step1(a[r2 + p], b[p0 + p], w, t2);
            step1(a[r3 + p], b[p0 + p], w, t3);
        }
    }

    /** A remainder row, with the same per-element arithmetic as {@link #rows4}. */
    private static void row1(float[] a, int r0, int k, float[][] b, int p0, int w, float[] t0) {
        int p = 0;
        for (; p + 4 <= k; p += 4) {
            float[] b0 = b[p0 + p];
            float[] b1 = b[p0 + p + 1];
            float[] b2 = b[p0 + p + 2];
            float[] b3 = b[p0 + p + 3];
            step4(a, r0 + p, b0, b1, b2, b3, w, t0);
        }
        for (; p < k; p++) {
            step1(a[r0 + p], b[p0 + p], w, t0);
        }
    }

    /** {@code t[j] += (a[at]*b0[j] + a[at+1]*b1[j]) + (a[at+2]*b2[j] + a[at+3]*b3[j])}: one row, four k steps. */
    private static void step4(float[] a, int at, float[] b0, float[] b1, float[] b2, float[] b3, int w, float[] t) {
        float x0 = a[at];
        float x1 = a[at + 1];
        float x2 = a[at + 2];
        float x3 = a[at + 3];
        if (FUSED_MULTIPLY_ADD) {
            for (int j = 0; j < w; j++) {
                t[j] = Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j], Math.fma(x0, b0[j], t[j]))));
            }
        } else {
            for (int j = 0; j < w; j++) {
                t[j] += (x0 * b0[j] + x1 * b1[j]) + (x2 * b2[j] + x3 * b3[j]);
            }
        }
    }

    private static void step1(float x0, float[] b, int w, float[] t) {
        if (FUSED_MULTIPLY_ADD) {
            for (int j = 0; j < w; j++) {
                t[j] = Math.fma(x0, b[j], t[j]);
            }
        } else {
            for (int j = 0; j < w; j++) {
                t[j] += x0 * b[j];
            }
        }
    }

    /**
     * Applies the epilogue to one accumulated row segment and writes it out. A non-finite
     * product (an overflow, or an Inf or NaN input) is recomputed in double, summed in k order
     * like the reference: the grouped float sum can turn {@code +Inf + -Inf} into NaN where the
     * exact sum is a finite value that rounds to a float or to one infinity.
     */
    private static void store(
            MatrixOut out, Epilogue e, int row, int col, int w, float[] acc, int k, float[] a, int aRow, BPanels b) {
        float[] buf = out.array();
        int start = out.offset() + row * out.rowStride() + col * out.colStride();
        int cs = out.colStride();
        float alpha = e.alpha();
        float bias = e.rowBias() == null ? 0f : e.rowBias()[row];
        if (alpha != 1f) {
            for (int j = 0; j < w; j++) {
                acc[j] *= alpha;
            }
        }
        for (int j = 0; j < w; j++) {
            if (!(Math.abs(acc[j]) <= Float.MAX_VALUE)) {
                acc[j] = (float) (alpha * exactDot(a, aRow, b, col + j, k));
            }
        }
        if (bias != 0f) {
            for (int j = 0; j < w; j++) {
                acc[j] += bias;
            }
        }
        float[] columnBias = e.columnBias();
        if (columnBias != null) {
            for (int j = 0; j < w; j++) {
                acc[j] += columnBias[col + j];
            }
        }
        if (e.accumulate()) {
            if (cs == 1) {
                for (int j = 0; j < w; j++) {
                    acc[j] += buf[start + j];
                }
            } else {
                for (int j = 0; j < w; j++) {
                    acc[j] += buf[start + j * cs];
                }
            }
        }
        e.activation().applyInPlace(acc, 0, w);
        if (cs == 1) {
            System.arraycopy(acc, 0, buf, start, w);
        } else {
            for (int j = 0; j < w; j++) {
                buf[start + j * cs] = acc[j];
            }
        }
    }

    /** {@code sum_p A[row][p] * B[p][col]} in double, in k order; the rare path of {@link #store}, so it may allocate. */
    private static double exactDot(float[] a, int aRow, BPanels b, int col, int k) {
        float[][] column = new float[k][1];
        b.pack(col, 1, 0, k, column);
        double sum = 0;
        for (int p = 0; p < k; p++) {
            sum += (double) a[aRow + p] * column[p][0];
        }
        return sum;
    }
}
