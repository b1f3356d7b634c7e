package dev.vela.runtime.tflite;

import dev.vela.runtime.error.UnsupportedFeatureException;
import dev.vela.spi.DataType;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;

/** Converts TFLite tensor types and quantization to the SPI's {@link TensorType}. */
final class TfliteTypes {

    private TfliteTypes() {}

    /** The SPI element type of a TFLite type, or null when the SPI has none. */
    static DataType dataType(TfliteTensorType type) {
        return switch (type) {
            case FLOAT32 -> DataType.FLOAT32;
            case FLOAT16 -> DataType.FLOAT16;
            case BFLOAT16 -> DataType.BFLOAT16;
            case FLOAT64 -> DataType.FLOAT64;
            case INT8 -> DataType.INT8;
            case UINT8 -> DataType.UINT8;
            case INT16 -> DataType.INT16;
            case UINT16 -> DataType.UINT16;
            case INT32 -> DataType.INT32;
            case UINT32 -> DataType.UINT32;
            case INT64 -> DataType.INT64;
            case UINT64 -> DataType.UINT64;
            case BOOL -> DataType.BOOL;
            // packed two per byte, low nibble first, as the SPI stores int4
            case INT4 -> DataType.INT4;
            default -> null;
        };
    }

    /** The ONNX TensorProto data type code, for Cast's {@code to} attribute. */
    static int onnxCode(DataType type) {
        return switch (type) {
            case FLOAT32 -> 1;
            case UINT8 -> 2;
            case INT8 -> 3;
            case UINT16 -> 4;
            case INT16 -> 5;
            case INT32 -> 6;
            case INT64 -> 7;
            case BOOL -> 9;
            case FLOAT16 -> 10;
            case FLOAT64 -> 11;
            case UINT32 -> 12;
            case UINT64 -> 13;
            case BFLOAT16 -> 16;
            case UINT4 -> 21;
            case INT4 -> 22;
        };
    }

    /**
     * The full SPI type of a tensor: element type, static shape and, for integer tensors with
     * scales, the quantization (per axis when there is more than one scale).
     */
    static TensorType tensorType(String source, TfliteTensor t) {
        DataType dataType = dataType(t.type());
        if (dataType == null) {
            throw new UnsupportedFeatureException(source + ": tensor " + t.describe() + " has type " + t.type()
                    + ", which the runtime does not support");
        }
        Shape shape = Shape.of(t.shape());
        if (!t.isQuantized() || dataType.isFloatingPoint()) {
            return TensorType.of(dataType, shape);
        }
        TfliteQuantization q = t.quantization();
        try {
            Quantization quantization = q.isPerAxis()
                    ? Quantization.perAxis(q.quantizedDimension(), q.scale(), q.zeroPoint())
                    : Quantization.perTensor(q.scale()[0], q.zeroPoint()[0]);
            return TensorType.quantized(dataType, shape, quantization);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedFeatureException(
                    source + ": tensor " + t.describe() + " has unusable quantization: " + e.getMessage());
        }
    }
}
