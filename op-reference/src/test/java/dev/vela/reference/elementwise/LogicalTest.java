package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

/** Shared checks of And, Or, Xor over the full truth table. */
abstract class LogicalTest {

    abstract KernelFactory factory();

    /** Expected results for (1,1), (1,0), (0,1), (0,0). */
    abstract long[] truthTable();

    @Test
    void truthTableAndNonCanonicalTrue() {
        Tensor a = vector(DataType.BOOL, 1, 1, 0, 0);
        Tensor b = vector(DataType.BOOL, 1, 0, 1, 0);
        assertThat(longs(run(factory(), a, b))).containsExactly(truthTable());
        // any non-zero byte is true
        Tensor c = Tensor.ofBytes(a.type(), (byte) 7, (byte) 2, (byte) 0, (byte) 0);
        assertThat(longs(run(factory(), c, b))).containsExactly(truthTable());
    }

    @Test
    void broadcasts() {
        Tensor a = tensor(DataType.BOOL, dims(2, 1), 1, 0);
        Tensor b = vector(DataType.BOOL, 1, 0);
        Tensor out = run(factory(), a, b);
        assertThat(out.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(longs(out)).containsExactly(truthTable());
    }

    @Test
    void errorPaths() {
        String op = factory().op().name();
        assertRejects(factory(), node(op, vector(DataType.BOOL, 1)).build(), "inputs");
        assertRejects(
                factory(),
                node(op, vector(DataType.BOOL, 1), vector(DataType.INT8, 1)).build(),
                "int8");
        assertRejects(
                factory(),
                node(op, vector(DataType.BOOL, 1, 0), vector(DataType.BOOL, 1, 0, 1))
                        .build(),
                "broadcast");
    }
}
