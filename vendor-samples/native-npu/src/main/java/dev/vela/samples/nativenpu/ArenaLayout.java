package dev.vela.samples.nativenpu;

import java.util.ArrayList;
import java.util.List;

/**
 * Places a partition's intermediate tensors in one arena, reusing the bytes of a tensor after its last reader: a
 * tensor produced by step p and last read by step l needs its bytes from p to l, so it may share a buffer with a
 * tensor whose last reader ran before p (never with an input of its own producer). Every buffer starts on a
 * 64-byte boundary, as the SIMD kernels prefer.
 */
final class ArenaLayout {

    static final int ALIGN = 64;

    private static final class Buffer {
        long bytes;
        int busyUntil;
    }

    private final List<Buffer> buffers = new ArrayList<>();
    private final List<Buffer> placedIn = new ArrayList<>();

    /**
     * Places the next tensor; tensors must come in the order of their producers.
     *
     * @param bytes its size
     * @param producer the step writing it
     * @param lastReader the last step reading it (the producer if none does)
     * @return the tensor's index, for {@link #offsets()}
     */
    int place(long bytes, int producer, int lastReader) {
        long size = align(bytes);
        Buffer best = null;
        for (Buffer b : buffers) {
            if (b.busyUntil >= producer) {
                continue;
            }
            // the smallest free buffer that fits, else the largest free one (grown)
            boolean fits = b.bytes >= size;
            boolean bestFits = best != null && best.bytes >= size;
            if (best == null
                    || (fits && (!bestFits || b.bytes < best.bytes))
                    || (!fits && !bestFits && b.bytes > best.bytes)) {
                best = b;
            }
        }
        if (best == null) {
            best = new Buffer();
            buffers.add(best);
        }
        best.bytes = Math.max(best.bytes, size);
        best.busyUntil = Math.max(producer, lastReader);
        int index = placedIn.size();
        placedIn.add(best);
        return index;
    }

    /** @return the byte offset of every placed tensor, by index */
    long[] offsets() {
        java.util.Map<Buffer, Long> start = new java.util.IdentityHashMap<>();
        long at = 0;
        for (Buffer b : buffers) {
            start.put(b, at);
            at += b.bytes;
        }
        long[] offsets = new long[placedIn.size()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = start.get(placedIn.get(i));
        }
        return offsets;
    }

    /** @return the arena's size, a multiple of 64 */
    long totalBytes() {
        return buffers.stream().mapToLong(b -> b.bytes).sum();
    }

    static long align(long bytes) {
        return (Math.max(bytes, 1) + ALIGN - 1) / ALIGN * ALIGN;
    }
}
