package dev.vela.samples.nativefp32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The AVX2 fully connected layer gives, for every output, exactly the bits of one FMA chain that starts at
 * {@code beta * C[j]} and adds {@code A[r][k] * (alpha * B[k][j])} in k order, then clamps: what the 6 x 16 tile and
 * the one-row path compute. The one-row path (batch 1, AD's layers) runs up to four 16-column panels at once for
 * the FMA latency's sake; this pins it to the same chain per output, bit for bit, so a change of order, a wrong
 * panel offset or a lost column tail fails here even where it would stay inside the float tolerance. Java's
 * {@link Math#fma(float, float, float)} rounds once, as {@code vfmadd} does, so the chain is the same in both.
 */
class Avx2FullyConnectedBitsTest {

    @Test
    void everyOutputIsTheSequentialFmaChain() {
        assumeTrue(Dispatch.best().ordinal() >= Isa.AVX2.ordinal(), "this CPU has no AVX2 + FMA");
        NativeFp32Provider provider = new NativeFp32Provider(Isa.AVX2);
        Random rnd = new Random(20261208L);
        // rows, k, n: panel groups of 4, 2 and 1 and column tails (n mod 16), K of 1 and odd; rows 7 = a 6-row
        // tile and a one-row tail, 2 = a 2-row tile
        int[][] shapes = {
            {1, 640, 128}, {1, 128, 8}, {1, 8, 128}, {1, 128, 640}, {1, 1, 1}, {1, 37, 17}, {1, 5, 33},
            {1, 19, 48}, {1, 23, 63}, {1, 64, 65}, {1, 3, 97}, {1, 129, 112}, {1, 11, 129}, {1, 250, 10},
            {7, 29, 71}, {2, 17, 40}
        };
        int index = 0;
        for (int[] sh : shapes) {
            int rows = sh[0], k = sh[1], n = sh[2];
            boolean transB = index % 2 == 0;
            float alpha = index % 4 == 3 ? 0.5f : 1f;
            float beta = index % 4 == 2 ? 2f : 1f;
            String activation = new String[] {"Relu", null, "Clip"}[index % 3];
            Tensor a = ReferenceComparisonTest.random(rnd, rows, k);
            Tensor b = ReferenceComparisonTest.random(rnd, transB ? new int[] {n, k} : new int[] {k, n});
            Tensor c = ReferenceComparisonTest.random(rnd, n);
            Node node = ReferenceComparisonTest.gemmNode(a.type(), b, c, transB, alpha, beta, activation);
            Tensor y = ReferenceComparisonTest.run(ReferenceComparisonTest.factory(provider, "Gemm"), node, 1, a, b, c);
            FloatBuffer out = y.floats();
            float lo = "Relu".equals(activation) ? 0 : "Clip".equals(activation) ? -0.25f : Float.NEGATIVE_INFINITY;
            float hi = "Clip".equals(activation) ? 0.5f : Float.POSITIVE_INFINITY;
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < n; j++) {
                    float expected = chain(a.floats(), b.floats(), c.floats(), transB, k, n, r, j, alpha, beta, lo, hi);
                    assertThat(Float.floatToRawIntBits(out.get(r * n + j)))
                            .as("rows %d k %d n %d: output [%d][%d]", rows, k, n, r, j)
                            .isEqualTo(Float.floatToRawIntBits(expected));
                }
            }
            index++;
        }
    }

    /** One output as the kernel's FMA chain computes it, clamped as the kernel clamps (NaN and -0 pass). */
    private static float chain(
            FloatBuffer a,
            FloatBuffer b,
            FloatBuffer c,
            boolean transB,
            int k,
            int n,
            int r,
            int j,
            float alpha,
            float beta,
            float lo,
            float hi) {
        float acc = c.get(j) * beta;
        for (int kk = 0; kk < k; kk++) {
            float w = (transB ? b.get(j * k + kk) : b.get(kk * n + j)) * alpha;
            acc = Math.fma(a.get(r * k + kk), w, acc);
        }
        acc = acc < lo ? lo : acc;
        return acc > hi ? hi : acc;
    }
}
