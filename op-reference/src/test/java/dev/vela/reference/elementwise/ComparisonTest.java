package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

/** Shared checks of the five comparison operators, with the expected truth table for a fixed input pair. */
abstract class ComparisonTest {

    // a: 1, 2, 3, NaN, -1 ; b: 2, 2, 2, NaN, 1
    private static final float[] A = {1, 2, 3, Float.NaN, -1};
    private static final float[] B = {2, 2, 2, Float.NaN, 1};

    abstract KernelFactory factory();

    /** Expected results for A op B, elementwise. */
    abstract long[] expected();

    @Test
    void floatsWithNan() {
        Tensor out = run(factory(), floats(A), floats(B));
        assertThat(out.dataType()).isEqualTo(DataType.BOOL);
        assertThat(longs(out)).containsExactly(expected());
    }

    @Test
    void signedAndUnsignedIntegers() {
        double[] a = {1, 2, 3, 0, -1};
        double[] b = {2, 2, 2, 0, 1};
        long[] expected = expected().clone();
        expected[3] = expected()[1]; // 0 vs 0 behaves like 2 vs 2
        assertThat(longs(run(factory(), vector(DataType.INT8, a), vector(DataType.INT8, b))))
                .containsExactly(expected);
        // in uint64, -1 is 2^64 - 1, the largest value: compares like 3 vs 2
        double[] ua = {1, 2, 3, 0, 3};
        long[] uexpected = expected.clone();
        uexpected[4] = expected()[2];
        Tensor x = vector(DataType.UINT64, ua);
        x.setLong(4, -1L);
        Tensor y = vector(DataType.UINT64, b);
        y.setLong(4, 2);
        assertThat(longs(run(factory(), x, y))).containsExactly(uexpected);
    }

    @Test
    void broadcasts() {
        Tensor a = tensor(DataType.INT32, dims(2, 1), 1, 3);
        Tensor b = scalar(DataType.INT32, 2);
        Tensor out = run(factory(), a, b);
        assertThat(out.shape()).isEqualTo(Shape.of(2, 1));
        assertThat(longs(out)).containsExactly(expected()[0], expected()[2]);
    }

    @Test
    void errorPaths() {
        String op = factory().op().name();
        assertRejects(factory(), node(op, floats(1)).build(), "inputs");
        assertRejects(factory(), node(op, floats(1), vector(DataType.INT32, 1)).build(), "int32");
        assertRejects(factory(), node(op, floats(1, 2), floats(1, 2, 3)).build(), "broadcast");
    }
}
