package dev.vela.reference.quantized;

import dev.vela.spi.Tensor;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;

/** Bulk reads and writes of small integer tensors as int arrays, once per invocation. */
final class IntArrays {

    private IntArrays() {}

    /** @return the elements of an int4, uint4, int8, uint8, int16, uint16 or int32 tensor, sign- or zero-extended */
    static int[] read(Tensor t) {
        int n = t.elementCount();
        int[] out = new int[n];
        switch (t.dataType()) {
            case INT4, UINT4 -> {
                // packed two per byte, low nibble first: the SPI's accessor unpacks and sign-extends
                for (int i = 0; i < n; i++) {
                    out[i] = (int) t.getLong(i);
                }
            }
            case INT8 -> {
                ByteBuffer b = t.bytes();
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i);
                }
            }
            case UINT8 -> {
                ByteBuffer b = t.bytes();
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i) & 0xff;
                }
            }
            case INT16 -> {
                ShortBuffer b = t.shorts();
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i);
                }
            }
            case UINT16 -> {
                ShortBuffer b = t.shorts();
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i) & 0xffff;
                }
            }
            case INT32 -> t.ints().get(out);
            default -> throw new IllegalStateException("not a small integer tensor: " + t);
        }
        return out;
    }

    /** @return the elements of an int32 or int64 tensor as longs */
    static long[] readLongs(Tensor t) {
        int n = t.elementCount();
        long[] out = new long[n];
        switch (t.dataType()) {
            case INT64 -> t.longs().get(out);
            case INT32 -> {
                var b = t.ints();
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i);
                }
            }
            default -> {
                int[] v = read(t);
                for (int i = 0; i < n; i++) {
                    out[i] = v[i];
                }
            }
        }
        return out;
    }

    /** Writes values (already inside the element type's range) into a 4-, 8-, 16- or 32-bit integer tensor. */
    static void write(Tensor t, int[] values) {
        int n = t.elementCount();
        switch (t.dataType()) {
            case INT4, UINT4 -> {
                // whole bytes, so the unused high nibble of an odd-sized tensor is written as zero
                ByteBuffer b = t.bytes();
                for (int i = 0; i < n; i += 2) {
                    int low = values[i] & 0xf;
                    int high = i + 1 < n ? values[i + 1] & 0xf : 0;
                    b.put(i >> 1, (byte) (low | high << 4));
                }
            }
            case INT8, UINT8 -> {
                ByteBuffer b = t.bytes();
                for (int i = 0; i < n; i++) {
                    b.put(i, (byte) values[i]);
                }
            }
            case INT16, UINT16 -> {
                ShortBuffer b = t.shorts();
                for (int i = 0; i < n; i++) {
                    b.put(i, (short) values[i]);
                }
            }
            case INT32 -> t.ints().put(values, 0, n);
            default -> throw new IllegalStateException("not a small integer tensor: " + t);
        }
    }
}
