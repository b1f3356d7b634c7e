package dev.vela.conformance.cases.ops;

import dev.vela.spi.DataType;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** The element-type groups of the ONNX type constraints, as the generators of the elementwise, tensor and linalg families declare them. */
final class Families {

    /** float32, float16, bfloat16, float64. */
    static final Set<DataType> FLOATS = group(DataType.FLOAT32, DataType.FLOAT16, DataType.BFLOAT16, DataType.FLOAT64);
    /** Signed integers. */
    static final Set<DataType> SIGNED_INTEGERS = group(DataType.INT8, DataType.INT16, DataType.INT32, DataType.INT64);
    /** Unsigned integers. */
    static final Set<DataType> UNSIGNED_INTEGERS =
            group(DataType.UINT8, DataType.UINT16, DataType.UINT32, DataType.UINT64);
    /** Every integer type. */
    static final Set<DataType> INTEGERS = union(SIGNED_INTEGERS, UNSIGNED_INTEGERS);
    /** Floating and integer types. */
    static final Set<DataType> NUMBERS = union(FLOATS, INTEGERS);
    /** Floating and signed integer types. */
    static final Set<DataType> SIGNED_NUMBERS = union(FLOATS, SIGNED_INTEGERS);
    /** bool alone. */
    static final Set<DataType> BOOL = group(DataType.BOOL);
    /** The floating types of the opsets before 13, which had no bfloat16: old operator versions are generated for these only. */
    static final Set<DataType> OLD_FLOATS = group(DataType.FLOAT32, DataType.FLOAT16, DataType.FLOAT64);
    /** Every whole-byte SPI element type (the packed 4-bit types, SPI 1.1, have no case generators yet). */
    static final Set<DataType> ALL = union(NUMBERS, BOOL);

    private Families() {}

    private static Set<DataType> group(DataType first, DataType... rest) {
        return Collections.unmodifiableSet(EnumSet.of(first, rest));
    }

    @SafeVarargs
    static Set<DataType> union(Set<DataType>... sets) {
        EnumSet<DataType> all = EnumSet.noneOf(DataType.class);
        for (Set<DataType> s : sets) {
            all.addAll(s);
        }
        return Collections.unmodifiableSet(all);
    }

    /**
     * @param types claimed types
     * @return a type the operator does not accept (bool, or float32 for operators taking bool)
     */
    static DataType foreignType(Set<DataType> types) {
        if (!types.contains(DataType.BOOL)) {
            return DataType.BOOL;
        }
        return types.contains(DataType.FLOAT32) ? null : DataType.FLOAT32;
    }
}
