package dev.vela.spi;

/**
 * Element types of tensors. Quantized tensors use the integer types together with {@link
 * Quantization} parameters on their {@link TensorType}.
 *
 * @since 0.1
 */
public enum DataType {
    /** IEEE 754 binary32. */
    FLOAT32(4, true, true),
    /** IEEE 754 binary16, stored as its 16 raw bits. */
    FLOAT16(2, true, true),
    /** bfloat16 (upper half of a binary32), stored as its 16 raw bits. */
    BFLOAT16(2, true, true),
    /** IEEE 754 binary64. */
    FLOAT64(8, true, true),
    /** Signed 8-bit integer. */
    INT8(1, false, true),
    /** Unsigned 8-bit integer. */
    UINT8(1, false, false),
    /** Signed 16-bit integer. */
    INT16(2, false, true),
    /** Unsigned 16-bit integer. */
    UINT16(2, false, false),
    /** Signed 32-bit integer. */
    INT32(4, false, true),
    /** Unsigned 32-bit integer. */
    UINT32(4, false, false),
    /** Signed 64-bit integer. */
    INT64(8, false, true),
    /** Unsigned 64-bit integer. */
    UINT64(8, false, false),
    /** Boolean, one byte per element: 0 is false, anything else true. */
    BOOL(1, false, false);

    private final int byteSize;
    private final boolean floatingPoint;
    private final boolean signed;

    DataType(int byteSize, boolean floatingPoint, boolean signed) {
        this.byteSize = byteSize;
        this.floatingPoint = floatingPoint;
        this.signed = signed;
    }

    /** @return bytes per element */
    public int byteSize() {
        return byteSize;
    }

    /** @return whether this is a floating-point type */
    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /** @return whether this is an integer type (not floating point and not bool) */
    public boolean isInteger() {
        return !floatingPoint && this != BOOL;
    }

    /** @return whether values of this type can be negative */
    public boolean isSigned() {
        return signed;
    }

    /** @return the lower-case name used in reports and certificates, e.g. {@code float32} */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The type with the given {@link #label()} or enum name, case-insensitively.
     *
     * @param label e.g. {@code int8}
     * @return the type
     * @throws IllegalArgumentException naming the label and the known types if none matches
     */
    public static DataType fromLabel(String label) {
        for (DataType t : values()) {
            if (t.name().equalsIgnoreCase(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown data type '" + label + "', known: "
                + java.util.Arrays.toString(values()).toLowerCase(java.util.Locale.ROOT));
    }
}
