package dev.vela.runtime.onnx;

import dev.vela.spi.DataType;

/** Maps ONNX {@code TensorProto.DataType} codes to Vela data types, naming the ones Vela does not support. */
public final class OnnxDataTypes {

    private static final String[] NAMES = {
        "UNDEFINED",
        "FLOAT",
        "UINT8",
        "INT8",
        "UINT16",
        "INT16",
        "INT32",
        "INT64",
        "STRING",
        "BOOL",
        "FLOAT16",
        "DOUBLE",
        "UINT32",
        "UINT64",
        "COMPLEX64",
        "COMPLEX128",
        "BFLOAT16",
        "FLOAT8E4M3FN",
        "FLOAT8E4M3FNUZ",
        "FLOAT8E5M2",
        "FLOAT8E5M2FNUZ",
        "UINT4",
        "INT4",
        "FLOAT4E2M1",
        "FLOAT8E8M0",
        "UINT2",
        "INT2"
    };

    private OnnxDataTypes() {}

    /** @return the Vela type for an ONNX code, or null when Vela has none (strings, complex, float8, float4, 2-bit, ...) */
    public static DataType toVela(int code) {
        return DataType.fromOnnxCode(code).orElse(null);
    }

    /** @return the ONNX code of a Vela type */
    public static int toOnnx(DataType type) {
        return type.onnxCode();
    }

    /** @return the ONNX name of a code, e.g. {@code FLOAT8E4M3FN}, or {@code code 99} */
    public static String name(int code) {
        return code >= 0 && code < NAMES.length ? NAMES[code] : "code " + code;
    }
}
