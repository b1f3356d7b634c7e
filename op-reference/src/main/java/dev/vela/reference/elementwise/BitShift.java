package dev.vela.reference.elementwise;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * ONNX BitShift: shifts each unsigned X left or right ({@code direction} "LEFT" or "RIGHT",
 * required) by Y bits, with broadcasting. Bits shifted past the width are lost; a shift by the
 * width or more gives 0, as numpy's {@code left_shift}/{@code right_shift} do.
 */
public final class BitShift extends BinaryElementwise {

    /** Creates the factory. */
    public BitShift() {
        super("BitShift", ElementTypes.of(DataType.UINT8, DataType.UINT16, DataType.UINT32, DataType.UINT64));
    }

    @Override
    DoubleBinaryOperator floatOperation(Node node) {
        throw new IllegalStateException("BitShift claims no floating type");
    }

    @Override
    LongBinaryOperator integerOperation(Node node, DataType type) {
        String direction = node.attributes().getString("direction");
        long width = type.byteSize() * 8L;
        return switch (direction) {
            // values are zero-extended (uint64: raw bits), so >>> is a logical shift for every width
            case "LEFT" -> (x, y) -> Long.compareUnsigned(y, width) >= 0 ? 0 : x << y;
            case "RIGHT" -> (x, y) -> Long.compareUnsigned(y, width) >= 0 ? 0 : x >>> y;
            default ->
                throw new InvalidNodeException(
                        node, "attribute 'direction' must be \"LEFT\" or \"RIGHT\", got \"" + direction + "\"");
        };
    }
}
