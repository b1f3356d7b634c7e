package dev.vela.reference.tensor;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.NodeChecks;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;

/** Reads integer-valued inputs (shapes, axes, starts, repeats) that decide a node's output. */
final class IntegerValues {

    private IntegerValues() {}

    /**
     * @param node the node, named in errors
     * @param index the input position, which must be known at prepare time
     * @return the input's elements
     */
    static long[] constant(Node node, int index) {
        Tensor t = NodeChecks.constant(node, index);
        return of(node, index, t);
    }

    /**
     * @param node the node, named in errors
     * @param index the input position (for the message)
     * @param t the value
     * @return its elements as longs
     */
    static long[] of(Node node, int index, Tensor t) {
        if (!t.dataType().isInteger()) {
            throw new InvalidNodeException(node, "input " + index + " must be an integer tensor, got " + t.type());
        }
        return Elements.longs(t);
    }

    /**
     * @param node the node, named in errors
     * @param what what the value is, for the message
     * @param value a value that must fit an int
     * @return it as an int
     */
    static int toInt(Node node, String what, long value) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new InvalidNodeException(node, what + " " + value + " is out of range");
        }
        return (int) value;
    }
}
