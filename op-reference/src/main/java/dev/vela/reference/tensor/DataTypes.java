package dev.vela.reference.tensor;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import java.util.EnumSet;
import java.util.Set;

/** The element-type sets the data-movement factories claim, and ONNX's element-type codes. */
final class DataTypes {

    /** Every SPI type: data movement copies bytes, so the element type does not matter. */
    static final Set<DataType> ALL = EnumSet.allOf(DataType.class);

    /** Types with arithmetic (everything but bool). */
    static final Set<DataType> NUMBERS = EnumSet.complementOf(EnumSet.of(DataType.BOOL));

    /** Integer types usable as indices, shapes or axes. */
    static final Set<DataType> INDICES = EnumSet.of(DataType.INT32, DataType.INT64);

    private DataTypes() {
    }

    /**
     * Maps an ONNX {@code TensorProto.DataType} code (as used by the {@code dtype} attributes).
     *
     * @param node the node, named in the error
     * @param code the code
     * @return the SPI type
     */
    static DataType fromOnnx(Node node, long code) {
        return switch ((int) code) {
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
            default -> throw new InvalidNodeException(node, "ONNX element type " + code + " is not supported");
        };
    }
}
