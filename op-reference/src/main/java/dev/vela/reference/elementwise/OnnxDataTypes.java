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
}
