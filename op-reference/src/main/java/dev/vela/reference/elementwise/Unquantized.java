package dev.vela.reference.elementwise;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;

/**
 * These kernels compute on the stored values. On a quantized tensor ({@code real = scale * (q -
 * zero_point)}) that would be a wrong result, not an approximation, so such nodes are refused
 * and left to a quantized kernel.
 */
final class Unquantized {

    private Unquantized() {}

    /**
     * @param node the node
     * @throws InvalidNodeException naming the first quantized input
     */
    static void require(Node node) {
        for (int i = 0; i < node.inputCount(); i++) {
            if (node.hasInput(i) && node.inputType(i).isQuantized()) {
                throw new InvalidNodeException(
                        node,
                        "input " + i + " is quantized (" + node.inputType(i)
                                + "); this reference kernel computes on unquantized values only");
            }
        }
    }
}
