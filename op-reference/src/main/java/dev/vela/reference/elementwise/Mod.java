package dev.vela.reference.elementwise;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * ONNX Mod with broadcasting. With {@code fmod=0} (the default, integers only) the remainder takes
 * the divisor's sign, like Python's {@code %} ({@code -4 mod 3 = 2}); with {@code fmod=1} it takes
 * the dividend's sign, like C's {@code fmod} ({@code -4 fmod 3 = -1}). Floating types require
 * {@code fmod=1}, as the spec says. An integer remainder by zero fails naming the node.
 */
public final class Mod extends BinaryElementwise {

    /** Creates the factory. */
    public Mod() {
        super("Mod", ElementTypes.NUMBERS);
    }

    private static boolean fmod(Node node) {
        long fmod = node.attributes().getLong("fmod", 0);
        if (fmod != 0 && fmod != 1) {
            throw new InvalidNodeException(node, "attribute 'fmod' must be 0 or 1, got " + fmod);
        }
        return fmod == 1;
    }

    @Override
    DoubleBinaryOperator floatOperation(Node node) {
        if (!fmod(node)) {
            throw new InvalidNodeException(node, "floating-point inputs require attribute fmod=1");
        }
        return (a, b) -> a % b; // Java's % on doubles is IEEE/C fmod, exact
    }

    @Override
    LongBinaryOperator integerOperation(Node node, DataType type) {
        boolean fmod = fmod(node);
        if (type == DataType.UINT64) {
            return (a, b) -> Long.remainderUnsigned(a, nonZero(b));
        }
        if (fmod) {
            return (a, b) -> a % nonZero(b);
        }
        return (a, b) -> {
            long r = a % nonZero(b);
            return r != 0 && (r < 0) != (b < 0) ? r + b : r;
        };
    }

    private static long nonZero(long b) {
        if (b == 0) {
            throw new ArithmeticException("integer remainder by zero");
        }
        return b;
    }
}
