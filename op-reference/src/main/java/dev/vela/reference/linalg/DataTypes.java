package dev.vela.reference.linalg;

import dev.vela.spi.DataType;
import java.util.EnumSet;
import java.util.Set;

/** The element-type sets this family claims, named once so every operator states its claim the same way. */
final class DataTypes {

    /** Floating types: computed in double and rounded once to the element type. */
    static final Set<DataType> FLOATS =
            EnumSet.of(DataType.FLOAT32, DataType.FLOAT64, DataType.FLOAT16, DataType.BFLOAT16);

    /** 32- and 64-bit integers: computed in long with wrap-around to the element width. */
    static final Set<DataType> WIDE_INTEGERS =
            EnumSet.of(DataType.INT32, DataType.INT64, DataType.UINT32, DataType.UINT64);

    /** Every integer type: compared as longs (uint64 through an order-preserving bit flip). */
    static final Set<DataType> INTEGERS = EnumSet.of(
            DataType.INT8,
            DataType.UINT8,
            DataType.INT16,
            DataType.UINT16,
            DataType.INT32,
            DataType.UINT32,
            DataType.INT64,
            DataType.UINT64);

    private DataTypes() {}

    /** @return the union of the given sets */
    @SafeVarargs
    static Set<DataType> union(Set<DataType>... sets) {
        Set<DataType> all = EnumSet.noneOf(DataType.class);
        for (Set<DataType> s : sets) {
            all.addAll(s);
        }
        return all;
    }

    /**
     * Reads integer (or bool) elements as longs whose signed order is the element type's order:
     * uint64 values get their sign bit flipped, all narrower types are already exact.
     *
     * @param t an integer or bool tensor
     * @return one comparable key per element
     */
    static long[] orderedLongs(dev.vela.spi.Tensor t) {
        long[] v = dev.vela.reference.support.Elements.longs(t);
        if (t.dataType() == DataType.UINT64) {
            for (int i = 0; i < v.length; i++) {
                v[i] ^= Long.MIN_VALUE;
            }
        }
        return v;
    }
}
