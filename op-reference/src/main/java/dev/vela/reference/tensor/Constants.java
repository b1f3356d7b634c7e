package dev.vela.reference.tensor;

import dev.vela.spi.Tensor;

/** Writes the values that constant-like kernels need into tensors of any type. */
final class Constants {

    private Constants() {}

    /** Sets every element of {@code t} to 1 (true for bool). */
    static void fillOne(Tensor t) {
        if (t.elementCount() == 0) {
            return;
        }
        setOne(t, 0);
        fill(t, 0);
    }

    /** Sets element {@code index} of {@code t} to 1 (true for bool). */
    static void setOne(Tensor t, int index) {
        if (t.dataType().isFloatingPoint()) {
            t.setDouble(index, 1.0);
        } else {
            t.setLong(index, 1);
        }
    }

    /** Copies element {@code index} of {@code t} to every element. */
    static void fill(Tensor t, int index) {
        int size = t.dataType().byteSize();
        java.nio.ByteBuffer b = t.bytes();
        byte[] element = new byte[size];
        b.get(index * size, element);
        int n = t.elementCount();
        for (int i = 0; i < n; i++) {
            b.put(i * size, element);
        }
    }
}
