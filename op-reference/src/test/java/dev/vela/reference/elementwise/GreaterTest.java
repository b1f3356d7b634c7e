package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;

import dev.vela.spi.DataType;
import dev.vela.spi.KernelFactory;
import org.junit.jupiter.api.Test;

class GreaterTest extends ComparisonTest {

    private final Greater factory = new Greater();

    @Override
    KernelFactory factory() {
        return factory;
    }

    @Override
    long[] expected() {
        // [1, 2, 3, NaN, -1] vs [2, 2, 2, NaN, 1]
        return new long[] {0, 0, 1, 0, 0};
    }

    @Test
    void refusesBool() {
        assertRejects(
                factory(),
                node("Greater", vector(DataType.BOOL, 1), vector(DataType.BOOL, 1))
                        .build(),
                "bool");
    }
}
