package dev.vela.reference.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vela.reference.ReferenceTesting;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.util.Random;

/** Helpers for the nn kernel tests: seeded data, axis permutation between layouts, comparison. */
final class NnTesting {

    private NnTesting() {}

    /** Seeded values in [-1, 1). */
    static Tensor random(long seed, int... dims) {
        Random r = new Random(seed);
        Shape s = Shape.of(dims);
        float[] v = new float[s.elementCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat() * 2 - 1;
        }
        return Tensor.ofFloats(s, v);
    }

    /** 0, 1, 2, ... in the given shape. */
    static Tensor iota(int... dims) {
        Shape s = Shape.of(dims);
        float[] v = new float[s.elementCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        return Tensor.ofFloats(s, v);
    }

    /** Output dimension {@code i} is input dimension {@code perm[i]} (numpy's transpose). */
    static Tensor permute(Tensor t, int... perm) {
        int[] in = t.shape().dims();
        int[] out = new int[in.length];
        for (int i = 0; i < perm.length; i++) {
            out[i] = in[perm[i]];
        }
        Shape os = Shape.of(out);
        int[] inStrides = t.shape().strides();
        float[] src = t.toFloatArray();
        float[] dst = new float[src.length];
        int[] idx = new int[out.length];
        for (int k = 0; k < dst.length; k++) {
            int s = 0;
            for (int i = 0; i < out.length; i++) {
                s += idx[i] * inStrides[perm[i]];
            }
            dst[k] = src[s];
            for (int i = out.length - 1; i >= 0; i--) {
                if (++idx[i] < out[i]) {
                    break;
                }
                idx[i] = 0;
            }
        }
        return Tensor.ofFloats(os, dst);
    }

    /** [N, C, spatial...] to [N, spatial..., C]; also OIHW weights to OHWI. */
    static Tensor toChannelsLast(Tensor t) {
        int r = t.shape().rank();
        int[] perm = new int[r];
        perm[0] = 0;
        for (int i = 1; i < r - 1; i++) {
            perm[i] = i + 1;
        }
        perm[r - 1] = 1;
        return permute(t, perm);
    }

    /** [N, spatial..., C] back to [N, C, spatial...]. */
    static Tensor toChannelsFirst(Tensor t) {
        int r = t.shape().rank();
        int[] perm = new int[r];
        perm[0] = 0;
        perm[1] = r - 1;
        for (int i = 2; i < r; i++) {
            perm[i] = i - 1;
        }
        return permute(t, perm);
    }

    static Tensor run(KernelFactory f, Node node, Tensor... inputs) {
        return ReferenceTesting.run(f, node, inputs).get(0);
    }

    static void assertClose(Tensor actual, Tensor expected) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            assertThat(a[i]).as("element %d", i).isCloseTo(e[i], within(1e-5f + 1e-5f * Math.abs(e[i])));
        }
    }

    static void assertValues(Tensor actual, float... expected) {
        float[] a = actual.toFloatArray();
        assertThat(a).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(a[i]).as("element %d", i).isCloseTo(expected[i], within(1e-5f + 1e-5f * Math.abs(expected[i])));
        }
    }
}
