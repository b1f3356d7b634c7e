package dev.vela.reference.support;

import dev.vela.spi.DataType;
import dev.vela.spi.HalfFloats;
import dev.vela.spi.Tensor;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;

/**
 * Bulk conversion between tensors of any element type and Java arrays, once per invocation, so
 * kernels can compute on plain arrays.
 */
public final class Elements {

    private Elements() {}

    /**
     * @param t a float32 tensor
     * @return a copy of its elements
     */
    public static float[] floats(Tensor t) {
        float[] out = new float[t.elementCount()];
        t.floats().get(out);
        return out;
    }

    /**
     * @param t a float32 tensor to fill
     * @param values exactly its element count of values
     */
    public static void put(Tensor t, float[] values) {
        t.floats().put(values, 0, t.elementCount());
    }

    /**
     * @param t a tensor of any type
     * @return its elements as doubles (see {@link Tensor#getDouble(int)})
     */
    public static double[] doubles(Tensor t) {
        int n = t.elementCount();
        double[] out = new double[n];
        switch (t.dataType()) {
            case FLOAT32 -> {
                var b = t.floats();
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i);
                }
            }
            case FLOAT64 -> t.doubles().get(out);
            case FLOAT16, BFLOAT16 -> {
                ShortBuffer b = t.shorts();
                boolean half = t.dataType() == DataType.FLOAT16;
                for (int i = 0; i < n; i++) {
                    out[i] = half ? HalfFloats.float16ToFloat(b.get(i)) : HalfFloats.bfloat16ToFloat(b.get(i));
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    out[i] = t.getDouble(i);
                }
            }
        }
        return out;
    }

    /**
     * Writes doubles into a floating-point tensor, rounding to its element type.
     *
     * @param t a floating-point tensor
     * @param values its element count of values
     */
    public static void putDoubles(Tensor t, double[] values) {
        int n = t.elementCount();
        switch (t.dataType()) {
            case FLOAT32 -> {
                var b = t.floats();
                for (int i = 0; i < n; i++) {
                    b.put(i, (float) values[i]);
                }
            }
            case FLOAT64 -> t.doubles().put(values, 0, n);
            default -> {
                for (int i = 0; i < n; i++) {
                    t.setDouble(i, values[i]);
                }
            }
        }
    }

    /**
     * @param t an integer or bool tensor
     * @return its elements as longs (see {@link Tensor#getLong(int)})
     */
    public static long[] longs(Tensor t) {
        int n = t.elementCount();
        long[] out = new long[n];
        if (t.dataType() == DataType.INT64 || t.dataType() == DataType.UINT64) {
            t.longs().get(out);
            return out;
        }
        for (int i = 0; i < n; i++) {
            out[i] = t.getLong(i);
        }
        return out;
    }

    /**
     * Writes longs into an integer or bool tensor, keeping the low bits of each.
     *
     * @param t an integer or bool tensor
     * @param values its element count of values
     */
    public static void putLongs(Tensor t, long[] values) {
        int n = t.elementCount();
        if (t.dataType() == DataType.INT64 || t.dataType() == DataType.UINT64) {
            t.longs().put(values, 0, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            t.setLong(i, values[i]);
        }
    }

    /**
     * Copies elements by index, for any type: {@code out[i] = in[indices[i]]}. Used by data
     * movement kernels (Transpose, Gather, Slice, ...) that do not care about the element type.
     *
     * @param in the source
     * @param out the destination, of the same element type
     * @param indices for each output element, the source element index
     */
    public static void gather(Tensor in, Tensor out, int[] indices) {
        int size = in.dataType().byteSize();
        ByteBuffer src = in.bytes();
        ByteBuffer dst = out.bytes();
        switch (size) {
            case 1 -> {
                for (int i = 0; i < indices.length; i++) {
                    dst.put(i, src.get(indices[i]));
                }
            }
            case 2 -> {
                for (int i = 0; i < indices.length; i++) {
                    dst.putShort(i * 2, src.getShort(indices[i] * 2));
                }
            }
            case 4 -> {
                for (int i = 0; i < indices.length; i++) {
                    dst.putInt(i * 4, src.getInt(indices[i] * 4));
                }
            }
            default -> {
                for (int i = 0; i < indices.length; i++) {
                    dst.putLong(i * 8, src.getLong(indices[i] * 8));
                }
            }
        }
    }
}
