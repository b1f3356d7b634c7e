package dev.vela.reference.tensor;

import java.nio.ByteBuffer;

/** Bulk copies of contiguous element runs between tensors of the same element type. */
final class Blocks {

    private Blocks() {}

    /**
     * Copies {@code count} elements from {@code src} starting at element {@code from} into
     * {@code dst} starting at element {@code to}.
     */
    static void copy(ByteBuffer src, int from, ByteBuffer dst, int to, int count, int elementSize) {
        if (count > 0) {
            dst.put(to * elementSize, src, from * elementSize, count * elementSize);
        }
    }
}
