package dev.vela.samples.signal.ops;

import dev.vela.spi.Tensor;

/** Copies between tensors and the Java arrays the {@code dsp} algorithms work on (uint32 in int, uint64 in long). */
final class TensorArrays {
    private TensorArrays() {}

    static short[] shorts(Tensor t) {
        short[] a = new short[t.elementCount()];
        t.shorts().get(a);
        return a;
    }

    static int[] ints(Tensor t) {
        int[] a = new int[t.elementCount()];
        t.ints().get(a);
        return a;
    }

    static long[] longs(Tensor t) {
        long[] a = new long[t.elementCount()];
        t.longs().get(a);
        return a;
    }

    static float[] floats(Tensor t) {
        float[] a = new float[t.elementCount()];
        t.floats().get(a);
        return a;
    }

    static void put(Tensor t, short[] a) {
        t.shorts().put(a, 0, t.elementCount());
    }

    static void put(Tensor t, int[] a) {
        t.ints().put(a, 0, t.elementCount());
    }

    static void put(Tensor t, long[] a) {
        t.longs().put(a, 0, t.elementCount());
    }

    static void put(Tensor t, float[] a) {
        t.floats().put(a, 0, t.elementCount());
    }
}
