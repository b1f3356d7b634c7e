package dev.vela.reference.linalg;

import dev.vela.spi.DataType;

/**
 * Ranges and order of integer element types as the long values {@link
 * dev.vela.reference.support.Elements#longs} reads (unsigned types zero-extended, uint64 as raw
 * bits, bool as 0 or 1).
 */
final class IntegerRange {

    private IntegerRange() {}

    /** @return the smallest value of the type (uint64: 0) */
    static long min(DataType type) {
        return switch (type) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            default -> 0;
        };
    }

    /** @return the largest value of the type (uint64: all bits set) */
    static long max(DataType type) {
        return switch (type) {
            case BOOL -> 1;
            case INT8 -> Byte.MAX_VALUE;
            case UINT8 -> 0xff;
            case INT16 -> Short.MAX_VALUE;
            case UINT16 -> 0xffff;
            case INT32 -> Integer.MAX_VALUE;
            case UINT32 -> 0xffffffffL;
            case INT64 -> Long.MAX_VALUE;
            default -> -1L;
        };
    }

    /** @return the order of two values of the type, uint64 compared unsigned */
    static int compare(long a, long b, DataType type) {
        return type == DataType.UINT64 ? Long.compareUnsigned(a, b) : Long.compare(a, b);
    }
}
