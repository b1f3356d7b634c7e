package dev.vela.spi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.Objects;

/**
 * A typed view on a little-endian region of a {@link ByteBuffer} (docs/architecture.md D4). The view
 * covers exactly {@link TensorType#byteSize()} bytes; elements are stored row-major. A tensor
 * does not own its memory: the runtime plans arenas and hands kernels views into them. Direct
 * buffers let native kernels read and write without copies.
 *
 * <p>The typed accessors ({@link #floats()}, {@link #ints()}, ...) return fresh views positioned
 * at element 0; fetch one per invocation, not per element. The per-element accessors ({@link
 * #getDouble(int)} and friends) convert between types and are meant for tests and tools, not
 * inner loops.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public final class Tensor {

    private final TensorType type;
    private final ByteBuffer data;

    private Tensor(TensorType type, ByteBuffer data) {
        this.type = type;
        this.data = data;
    }

    /**
     * A new zero-filled tensor in a direct buffer.
     *
     * @param type the type
     * @return the tensor
     */
    public static Tensor allocate(TensorType type) {
        return new Tensor(type, ByteBuffer.allocateDirect(type.byteSize()).order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * A view on {@code type.byteSize()} bytes of {@code buffer}, starting at its position. The
     * buffer's own position, limit and byte order are left untouched.
     *
     * @param type the type
     * @param buffer the memory
     * @return the tensor
     * @throws IllegalArgumentException if fewer than {@code type.byteSize()} bytes remain
     */
    public static Tensor wrap(TensorType type, ByteBuffer buffer) {
        Objects.requireNonNull(type, "type");
        int bytes = type.byteSize();
        if (buffer.remaining() < bytes) {
            throw new IllegalArgumentException("tensor " + type + " needs " + bytes + " bytes but the buffer has "
                    + buffer.remaining() + " remaining");
        }
        ByteBuffer view = buffer.slice();
        view.limit(bytes);
        return new Tensor(type, view.slice().order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * @param shape the shape
     * @param values row-major values, exactly {@code shape.elementCount()} of them
     * @return a float32 tensor holding a copy of the values
     */
    public static Tensor ofFloats(Shape shape, float... values) {
        Tensor t = allocate(TensorType.of(DataType.FLOAT32, shape));
        checkCount(shape, values.length);
        t.floats().put(values);
        return t;
    }

    /**
     * @param shape the shape
     * @param values row-major values
     * @return an int64 tensor holding a copy of the values
     */
    public static Tensor ofLongs(Shape shape, long... values) {
        Tensor t = allocate(TensorType.of(DataType.INT64, shape));
        checkCount(shape, values.length);
        t.longs().put(values);
        return t;
    }

    /**
     * @param shape the shape
     * @param values row-major values
     * @return an int32 tensor holding a copy of the values
     */
    public static Tensor ofInts(Shape shape, int... values) {
        Tensor t = allocate(TensorType.of(DataType.INT32, shape));
        checkCount(shape, values.length);
        t.ints().put(values);
        return t;
    }

    /**
     * @param type a type whose elements are one byte wide (int8, uint8, bool) or packed 4-bit (int4, uint4: the
     *     packed bytes, {@code type.byteSize()} of them)
     * @param values the raw bytes
     * @return a tensor holding a copy of the bytes
     */
    public static Tensor ofBytes(TensorType type, byte... values) {
        if (type.dataType().isSubByte()) {
            if (values.length != type.byteSize()) {
                throw new IllegalArgumentException("shape " + type.shape() + " of "
                        + type.dataType().label() + " packs into " + type.byteSize() + " bytes, got " + values.length);
            }
        } else if (type.dataType().byteSize() != 1) {
            throw new IllegalArgumentException("ofBytes needs a one-byte element type, got " + type);
        } else {
            checkCount(type.shape(), values.length);
        }
        Tensor t = allocate(type);
        t.data.duplicate().put(values);
        return t;
    }

    private static void checkCount(Shape shape, int count) {
        if (shape.elementCount() != count) {
            throw new IllegalArgumentException(
                    "shape " + shape + " holds " + shape.elementCount() + " elements, got " + count);
        }
    }

    /** @return the type */
    public TensorType type() {
        return type;
    }

    /** @return the element type */
    public DataType dataType() {
        return type.dataType();
    }

    /** @return the shape */
    public Shape shape() {
        return type.shape();
    }

    /** @return the number of elements */
    public int elementCount() {
        return type.elementCount();
    }

    /** @return whether writes through this view are refused */
    public boolean isReadOnly() {
        return data.isReadOnly();
    }

    /** @return a view on the same memory that refuses writes */
    public Tensor asReadOnly() {
        return data.isReadOnly()
                ? this
                : new Tensor(type, data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * The same bytes seen with another type of equal byte size (a reshape without copying).
     *
     * @param newType the type
     * @return the view
     */
    public Tensor reinterpret(TensorType newType) {
        if (newType.byteSize() != type.byteSize()) {
            throw new IllegalArgumentException("cannot view " + type + " as " + newType + ": byte sizes differ");
        }
        return new Tensor(newType, data);
    }

    /** @return a little-endian view on the bytes, positioned at 0 */
    public ByteBuffer bytes() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the float32 elements */
    public FloatBuffer floats() {
        require(DataType.FLOAT32);
        return bytes().asFloatBuffer();
    }

    /** @return the float64 elements */
    public DoubleBuffer doubles() {
        require(DataType.FLOAT64);
        return bytes().asDoubleBuffer();
    }

    /** @return the int32 or uint32 elements (raw bits) */
    public IntBuffer ints() {
        require(DataType.INT32, DataType.UINT32);
        return bytes().asIntBuffer();
    }

    /** @return the int64 or uint64 elements (raw bits) */
    public LongBuffer longs() {
        require(DataType.INT64, DataType.UINT64);
        return bytes().asLongBuffer();
    }

    /** @return the 16-bit elements (int16, uint16, float16 or bfloat16 raw bits) */
    public ShortBuffer shorts() {
        require(DataType.INT16, DataType.UINT16, DataType.FLOAT16, DataType.BFLOAT16);
        return bytes().asShortBuffer();
    }

    private void require(DataType... allowed) {
        for (DataType t : allowed) {
            if (type.dataType() == t) {
                return;
            }
        }
        throw new IllegalStateException("tensor " + type + " is not of type " + java.util.Arrays.toString(allowed));
    }

    /**
     * Reads any element as a double: floating types exactly, unsigned types as their unsigned
     * value, bool as 0 or 1.
     *
     * @param index row-major element index
     * @return the value
     */
    public double getDouble(int index) {
        return switch (type.dataType()) {
            case FLOAT32 -> data.getFloat(index * 4);
            case FLOAT64 -> data.getDouble(index * 8);
            case FLOAT16 -> HalfFloats.float16ToFloat(data.getShort(index * 2));
            case BFLOAT16 -> HalfFloats.bfloat16ToFloat(data.getShort(index * 2));
            case UINT64 -> {
                long v = data.getLong(index * 8);
                yield v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
            }
            default -> getLong(index);
        };
    }

    /**
     * Reads an integer or bool element.
     *
     * @param index row-major element index
     * @return the value (unsigned types zero-extended; uint64 as its raw bits)
     * @throws IllegalStateException for floating-point tensors
     */
    public long getLong(int index) {
        return switch (type.dataType()) {
            case INT8 -> data.get(index);
            case UINT8 -> data.get(index) & 0xff;
            case BOOL -> data.get(index) != 0 ? 1 : 0;
            case INT16 -> data.getShort(index * 2);
            case UINT16 -> data.getShort(index * 2) & 0xffff;
            case INT32 -> data.getInt(index * 4);
            case UINT32 -> data.getInt(index * 4) & 0xffffffffL;
            case INT64, UINT64 -> data.getLong(index * 8);
            case INT4 -> (long) (nibble(index) << 28) >> 28;
            case UINT4 -> nibble(index);
            default -> throw new IllegalStateException("getLong on floating-point tensor " + type);
        };
    }

    /**
     * Writes a floating-point element, rounding to the element type.
     *
     * @param index row-major element index
     * @param value the value
     * @throws IllegalStateException for non-floating-point tensors
     */
    public void setDouble(int index, double value) {
        switch (type.dataType()) {
            case FLOAT32 -> data.putFloat(index * 4, (float) value);
            case FLOAT64 -> data.putDouble(index * 8, value);
            case FLOAT16 -> data.putShort(index * 2, HalfFloats.floatToFloat16((float) value));
            case BFLOAT16 -> data.putShort(index * 2, HalfFloats.floatToBfloat16((float) value));
            default -> throw new IllegalStateException("setDouble on non-floating-point tensor " + type);
        }
    }

    /**
     * Writes an integer or bool element, keeping the low bits that fit the element type (bool:
     * any non-zero value is true).
     *
     * @param index row-major element index
     * @param value the value
     * @throws IllegalStateException for floating-point tensors
     */
    public void setLong(int index, long value) {
        switch (type.dataType()) {
            case INT8, UINT8 -> data.put(index, (byte) value);
            case BOOL -> data.put(index, (byte) (value != 0 ? 1 : 0));
            case INT16, UINT16 -> data.putShort(index * 2, (short) value);
            case INT32, UINT32 -> data.putInt(index * 4, (int) value);
            case INT64, UINT64 -> data.putLong(index * 8, value);
            case INT4, UINT4 -> setNibble(index, (int) value & 0xf);
            default -> throw new IllegalStateException("setLong on floating-point tensor " + type);
        }
    }

    /** Element {@code index} of a packed 4-bit tensor: the low nibble of byte index/2 for even indices. */
    private int nibble(int index) {
        checkPackedIndex(index);
        int b = data.get(index >> 1) & 0xff;
        return (index & 1) == 0 ? b & 0xf : b >>> 4;
    }

    private void setNibble(int index, int value) {
        checkPackedIndex(index);
        int b = data.get(index >> 1) & 0xff;
        b = (index & 1) == 0 ? (b & 0xf0) | value : (b & 0x0f) | (value << 4);
        data.put(index >> 1, (byte) b);
    }

    /** Byte addressing cannot catch the unused high nibble of an odd-sized tensor; the element count does. */
    private void checkPackedIndex(int index) {
        if (index < 0 || index >= type.elementCount()) {
            throw new IndexOutOfBoundsException("element " + index + " of " + type);
        }
    }

    /** @return a copy of the float32 elements */
    public float[] toFloatArray() {
        float[] out = new float[elementCount()];
        floats().get(out);
        return out;
    }

    /** @return a copy of the int64 elements */
    public long[] toLongArray() {
        long[] out = new long[elementCount()];
        longs().get(out);
        return out;
    }

    /** @return a copy of the raw bytes */
    public byte[] toByteArray() {
        byte[] out = new byte[type.byteSize()];
        bytes().get(out);
        return out;
    }

    /**
     * Copies all bytes of {@code source}, which must have the same byte size, into this tensor.
     *
     * @param source the tensor to copy from
     */
    public void copyFrom(Tensor source) {
        if (source.type.byteSize() != type.byteSize()) {
            throw new IllegalArgumentException("cannot copy " + source.type + " into " + type + ": byte sizes differ");
        }
        data.duplicate().put(source.bytes());
    }

    @Override
    public String toString() {
        return "Tensor" + "(" + type + ")";
    }
}
