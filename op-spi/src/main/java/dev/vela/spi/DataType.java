package dev.vela.spi;

/**
 * Element types of tensors. Quantized tensors use the integer types together with {@link
 * Quantization} parameters on their {@link TensorType}.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public enum DataType {
    /** IEEE 754 binary32. */
    FLOAT32(4, true, true, 1, "FLOAT"),
    /** IEEE 754 binary16, stored as its 16 raw bits. */
    FLOAT16(2, true, true, 10, "FLOAT16"),
    /** bfloat16 (upper half of a binary32), stored as its 16 raw bits. */
    BFLOAT16(2, true, true, 16, "BFLOAT16"),
    /** IEEE 754 binary64. */
    FLOAT64(8, true, true, 11, "DOUBLE"),
    /** Signed 8-bit integer. */
    INT8(1, false, true, 3, "INT8"),
    /** Unsigned 8-bit integer. */
    UINT8(1, false, false, 2, "UINT8"),
    /** Signed 16-bit integer. */
    INT16(2, false, true, 5, "INT16"),
    /** Unsigned 16-bit integer. */
    UINT16(2, false, false, 4, "UINT16"),
    /** Signed 32-bit integer. */
    INT32(4, false, true, 6, "INT32"),
    /** Unsigned 32-bit integer. */
    UINT32(4, false, false, 12, "UINT32"),
    /** Signed 64-bit integer. */
    INT64(8, false, true, 7, "INT64"),
    /** Unsigned 64-bit integer. */
    UINT64(8, false, false, 13, "UINT64"),
    /** Boolean, one byte per element: 0 is false, anything else true. */
    BOOL(1, false, false, 9, "BOOL"),
    /**
     * Signed 4-bit integer in [-8, 7], packed two per byte as ONNX and TFLite pack it: element {@code 2i} in the low
     * nibble of byte {@code i}, element {@code 2i + 1} in its high nibble; an odd element count leaves the last high
     * nibble unused (zero). {@link #byteSize()} is 0 for it: sizes come from {@link #storageBytes(long)}.
     *
     * @since 1.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "1.1")
    INT4(0, false, true, 22, "INT4"),
    /**
     * Unsigned 4-bit integer in [0, 15], packed two per byte like {@link #INT4}.
     *
     * @since 1.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "1.1")
    UINT4(0, false, false, 21, "UINT4");

    private final int byteSize;
    private final boolean floatingPoint;
    private final boolean signed;
    private final int onnxCode;
    private final String onnxName;

    DataType(int byteSize, boolean floatingPoint, boolean signed, int onnxCode, String onnxName) {
        this.byteSize = byteSize;
        this.floatingPoint = floatingPoint;
        this.signed = signed;
        this.onnxCode = onnxCode;
        this.onnxName = onnxName;
    }

    /**
     * The ONNX {@code TensorProto.DataType} code, as operator attributes such as Cast's {@code to}
     * use it (operators follow ONNX semantics, docs/architecture.md D1).
     *
     * @return e.g. 1 for float32
     */
    public int onnxCode() {
        return onnxCode;
    }

    /** @return the ONNX {@code TensorProto.DataType} name, e.g. {@code FLOAT} or {@code DOUBLE} */
    public String onnxName() {
        return onnxName;
    }

    /**
     * @param code an ONNX {@code TensorProto.DataType} code
     * @return the type, or empty for codes this SPI has no type for (string, complex, float8, float4, ...)
     */
    public static java.util.Optional<DataType> fromOnnxCode(long code) {
        for (DataType t : values()) {
            if (t.onnxCode == code) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * @param name an ONNX {@code TensorProto.DataType} name, case-insensitively (Cast before opset 6 takes these)
     * @return the type, or empty for names this SPI has no type for
     */
    public static java.util.Optional<DataType> fromOnnxName(String name) {
        for (DataType t : values()) {
            if (t.onnxName.equalsIgnoreCase(name)) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }

    /** @return bytes per element; 0 for the packed sub-byte types ({@link #INT4}, {@link #UINT4}) */
    public int byteSize() {
        return byteSize;
    }

    /**
     * @return bits per element: 4 for {@link #INT4} and {@link #UINT4}, else {@code 8 * byteSize()}
     * @since 1.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "1.1")
    public int bitWidth() {
        return isSubByte() ? 4 : 8 * byteSize;
    }

    /**
     * @return whether elements are packed several to a byte ({@link #INT4}, {@link #UINT4})
     * @since 1.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "1.1")
    public boolean isSubByte() {
        return this == INT4 || this == UINT4;
    }

    /**
     * The bytes that hold {@code elementCount} elements: for packed types the count of bits rounded up to whole
     * bytes (5 int4 elements take 3 bytes), else {@code elementCount * byteSize()}.
     *
     * @param elementCount number of elements, not negative
     * @return the storage size in bytes
     * @throws IllegalArgumentException for a negative count
     * @since 1.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "1.1")
    public long storageBytes(long elementCount) {
        if (elementCount < 0) {
            throw new IllegalArgumentException("negative element count " + elementCount);
        }
        return isSubByte() ? (elementCount + 1) / 2 : Math.multiplyExact(elementCount, (long) byteSize);
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
