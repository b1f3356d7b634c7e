package dev.vela.runtime.tflite;

/** TFLite's {@code TensorType} enum (schema.fbs), by its byte code. */
public enum TfliteTensorType {
    FLOAT32(0, 4),
    FLOAT16(1, 2),
    INT32(2, 4),
    UINT8(3, 1),
    INT64(4, 8),
    STRING(5, 0),
    BOOL(6, 1),
    INT16(7, 2),
    COMPLEX64(8, 8),
    INT8(9, 1),
    FLOAT64(10, 8),
    COMPLEX128(11, 16),
    UINT64(12, 8),
    RESOURCE(13, 0),
    VARIANT(14, 0),
    UINT32(15, 4),
    UINT16(16, 2),
    INT4(17, 0),
    BFLOAT16(18, 2);

    private static final TfliteTensorType[] BY_CODE = values();

    private final int code;
    private final int byteSize;

    TfliteTensorType(int code, int byteSize) {
        this.code = code;
        this.byteSize = byteSize;
    }

    /** The schema's code. */
    public int code() {
        return code;
    }

    /** Bytes per element, or 0 when elements are not fixed-size whole bytes (strings, int4, resources). */
    public int byteSize() {
        return byteSize;
    }

    /** The type with this code, or null when the code is unknown. */
    public static TfliteTensorType ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
