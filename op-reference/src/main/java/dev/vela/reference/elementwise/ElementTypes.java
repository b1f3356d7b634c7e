package dev.vela.reference.elementwise;

import dev.vela.spi.DataType;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** The element-type groups the ONNX type constraints of this family are made of. */
final class ElementTypes {

    /** float32, float64, float16, bfloat16. */
    static final Set<DataType> FLOATS = Collections.unmodifiableSet(
            EnumSet.of(DataType.FLOAT32, DataType.FLOAT64, DataType.FLOAT16, DataType.BFLOAT16));
    /** Signed integers. */
    static final Set<DataType> SIGNED_INTEGERS =
            Collections.unmodifiableSet(EnumSet.of(DataType.INT8, DataType.INT16, DataType.INT32, DataType.INT64));
    /** Signed and unsigned integers. */
    static final Set<DataType> INTEGERS = Collections.unmodifiableSet(EnumSet.of(
            DataType.INT8,
            DataType.UINT8,
            DataType.INT16,
            DataType.UINT16,
            DataType.INT32,
            DataType.UINT32,
            DataType.INT64,
            DataType.UINT64));
    /** Floating-point and integer types. */
    static final Set<DataType> NUMBERS = union(FLOATS, INTEGERS);
    /** Floating-point and signed integer types. */
    static final Set<DataType> SIGNED_NUMBERS = union(FLOATS, SIGNED_INTEGERS);
    /** Every whole-byte element type, bool included (not the packed 4-bit types: see {@link #CAST_SOURCES}). */
    static final Set<DataType> ALL =
            Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(DataType.INT4, DataType.UINT4)));
    /**
     * What Cast and CastLike convert between: every element type, the packed 4-bit ones element by element (into
     * 4 bits an integer keeps its low bits, as ONNX's reference casts wrap, e.g. 8 -> -8 for int4).
     */
    static final Set<DataType> CAST_SOURCES = Collections.unmodifiableSet(EnumSet.allOf(DataType.class));
    /** Bool only. */
    static final Set<DataType> BOOL = Collections.unmodifiableSet(EnumSet.of(DataType.BOOL));

    private ElementTypes() {}

    @SafeVarargs
    static Set<DataType> union(Set<DataType>... sets) {
        EnumSet<DataType> all = EnumSet.noneOf(DataType.class);
        for (Set<DataType> s : sets) {
            all.addAll(s);
        }
        return Collections.unmodifiableSet(all);
    }

    static Set<DataType> of(DataType first, DataType... rest) {
        return Collections.unmodifiableSet(EnumSet.of(first, rest));
    }

    /** The smallest value of an integer type (uint64 as raw bits, i.e. 0). */
    static long minValue(DataType t) {
        return switch (t) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            default -> 0;
        };
    }

    /** The largest value of an integer type (uint64 as raw bits, i.e. -1). */
    static long maxValue(DataType t) {
        return switch (t) {
            case INT8 -> Byte.MAX_VALUE;
            case UINT8 -> 0xff;
            case INT16 -> Short.MAX_VALUE;
            case UINT16 -> 0xffff;
            case INT32 -> Integer.MAX_VALUE;
            case UINT32 -> 0xffffffffL;
            case INT64 -> Long.MAX_VALUE;
            case UINT64 -> -1L;
            case BOOL -> 1;
            default -> throw new IllegalArgumentException("not an integer type: " + t);
        };
    }

    /**
     * Compares two integer elements as {@link dev.vela.spi.Tensor#getLong(int)} returns them: uint64
     * raw bits compare unsigned, every other type fits a long exactly.
     */
    static int compare(long a, long b, DataType t) {
        return t == DataType.UINT64 ? Long.compareUnsigned(a, b) : Long.compare(a, b);
    }
}
