package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;

import dev.vela.spi.DataType;
import dev.vela.spi.KernelFactory;
import org.junit.jupiter.api.Test;

class LessTest extends ComparisonTest {

    private final Less factory = new Less();

    @Override
    KernelFactory factory() {
        return factory;
    }

    @Override
    long[] expected() {
        // [1, 2, 3, NaN, -1] vs [2, 2, 2, NaN, 1]
        return new long[] {1, 0, 0, 0, 1};
    }

    @Test
    void refusesBool() {
        assertRejects(
                factory(),
                node("Less", vector(DataType.BOOL, 1), vector(DataType.BOOL, 1)).build(),
                "bool");
    }
}
