package dev.vela.reference.elementwise;

import dev.vela.spi.DataType;
import java.util.Optional;

/** The ONNX {@code TensorProto.DataType} codes of the element types the SPI knows. */
final class OnnxDataTypes {

    private OnnxDataTypes() {
    }

    /**
     * @param code a {@code TensorProto.DataType} value
     * @return the element type, or empty for codes the SPI has no type for (string, complex, float8, int4, ...)
     */
    static Optional<DataType> fromCode(long code) {
        DataType t = switch ((int) Math.max(Math.min(code, Integer.MAX_VALUE), Integer.MIN_VALUE)) {
            case 1 -> DataType.FLOAT32;
            case 2 -> DataType.UINT8;
            case 3 -> DataType.INT8;
            case 4 -> DataType.UINT16;
            case 5 -> DataType.INT16;
            case 6 -> DataType.INT32;
            case 7 -> DataType.INT64;
            case 9 -> DataType.BOOL;
            case 10 -> DataType.FLOAT16;
            case 11 -> DataType.FLOAT64;
            case 12 -> DataType.UINT32;
            case 13 -> DataType.UINT64;
            case 16 -> DataType.BFLOAT16;
            default -> null;
        };
        return Optional.ofNullable(t);
    }

    /**
     * @param name a {@code TensorProto.DataType} name as Cast before opset 6 takes it, e.g. {@code FLOAT}
     * @return the element type, or empty for names the SPI has no type for
     */
    static Optional<DataType> fromName(String name) {
        DataType t = switch (name.toUpperCase(java.util.Locale.ROOT)) {
            case "FLOAT" -> DataType.FLOAT32;
            case "UINT8" -> DataType.UINT8;
            case "INT8" -> DataType.INT8;
            case "UINT16" -> DataType.UINT16;
            case "INT16" -> DataType.INT16;
            case "INT32" -> DataType.INT32;
            case "INT64" -> DataType.INT64;
            case "BOOL" -> DataType.BOOL;
            case "FLOAT16" -> DataType.FLOAT16;
            case "DOUBLE" -> DataType.FLOAT64;
            case "UINT32" -> DataType.UINT32;
            case "UINT64" -> DataType.UINT64;
            case "BFLOAT16" -> DataType.BFLOAT16;
            default -> null;
        };
        return Optional.ofNullable(t);
    }
}
