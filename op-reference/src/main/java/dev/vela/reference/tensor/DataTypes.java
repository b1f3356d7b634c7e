package dev.vela.reference.tensor;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import java.util.EnumSet;
import java.util.Set;

/** The element-type sets the data-movement factories claim, and ONNX's element-type codes. */
final class DataTypes {

    /**
     * Every whole-byte SPI type: data movement copies elements as bytes, so the element type does not matter as long
     * as elements are whole bytes. The packed 4-bit types are left out: moving them needs nibble addressing.
     */
    static final Set<DataType> ALL = EnumSet.complementOf(EnumSet.of(DataType.INT4, DataType.UINT4));

    /** Whole-byte types with arithmetic (everything but bool and the packed 4-bit types). */
    static final Set<DataType> NUMBERS = EnumSet.complementOf(EnumSet.of(DataType.BOOL, DataType.INT4, DataType.UINT4));

    /** Integer types usable as indices, shapes or axes. */
    static final Set<DataType> INDICES = EnumSet.of(DataType.INT32, DataType.INT64);

    private DataTypes() {}

    /**
     * Maps an ONNX {@code TensorProto.DataType} code (as used by the {@code dtype} attributes).
     *
     * @param node the node, named in the error
     * @param code the code
     * @return the SPI type
     */
    static DataType fromOnnx(Node node, long code) {
        return DataType.fromOnnxCode(code)
                .orElseThrow(() -> new InvalidNodeException(node, "ONNX element type " + code + " is not supported"));
    }
}
