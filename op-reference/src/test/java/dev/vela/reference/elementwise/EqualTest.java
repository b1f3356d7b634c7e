package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class EqualTest extends ComparisonTest {

    private final Equal factory = new Equal();

    @Override
    KernelFactory factory() {
        return factory;
    }

    @Override
    long[] expected() {
        // [1, 2, 3, NaN, -1] vs [2, 2, 2, NaN, 1]
        return new long[] {0, 1, 0, 0, 0};
    }

    @Test
    void bools() {
        Tensor out = run(factory(), vector(DataType.BOOL, 1, 1, 0, 0), vector(DataType.BOOL, 1, 0, 1, 0));
        assertThat(longs(out)).containsExactly(1, 0, 0, 1);
    }
}
