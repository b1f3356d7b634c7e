package dev.vela.samples.signal.ops;

import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.random.RandomGenerator;

/** Random tensors for the operators' case generators. */
final class Random {
    private Random() {}

    /** int16 values with a random magnitude (so scale-dependent code sees small and full-scale frames). */
    static Tensor int16(RandomGenerator r, int... dims) {
        Tensor t = Tensor.allocate(TensorType.of(DataType.INT16, Shape.of(dims)));
        int bound = 1 << r.nextInt(1, 16);
        for (int i = 0; i < t.elementCount(); i++) {
            t.setLong(i, r.nextInt(-bound, bound));
        }
        return t;
    }

    /** uint32 values below {@code 2^bits}. */
    static Tensor uint32(RandomGenerator r, int bits, int... dims) {
        Tensor t = Tensor.allocate(TensorType.of(DataType.UINT32, Shape.of(dims)));
        for (int i = 0; i < t.elementCount(); i++) {
            t.setLong(i, r.nextLong(1L << bits));
        }
        return t;
    }

    /** uint64 values below {@code 2^bits} (64: any bits). */
    static Tensor uint64(RandomGenerator r, int bits, int... dims) {
        Tensor t = Tensor.allocate(TensorType.of(DataType.UINT64, Shape.of(dims)));
        for (int i = 0; i < t.elementCount(); i++) {
            t.setLong(i, bits == 64 ? r.nextLong() : r.nextLong(1L << bits));
        }
        return t;
    }

    static Tensor int32Scalar(int value) {
        Tensor t = Tensor.allocate(TensorType.of(DataType.INT32, Shape.scalar()));
        t.setLong(0, value);
        return t;
    }

    /** 1 + size * scale / 100, at least 1. */
    static int count(int size, int scale) {
        return 1 + size * scale / 100;
    }
}
