package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

class SubTest {

    private final Sub sub = new Sub();

    @Test
    void subtractsWithBroadcasting() {
        Tensor a = tensor(DataType.FLOAT32, dims(2, 3), 1, 2, 3, 4, 5, 6);
        Tensor b = floats(10, 20, 30);
        Tensor out = run(sub, a, b);
        assertThat(out.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(out.toFloatArray()).containsExactly(-9, -18, -27, -6, -15, -24);
    }

    @Test
    void scalarOperandBroadcastsBothWays() {
        Tensor out = run(sub, scalar(DataType.FLOAT32, 1), floats(0.5f, 4));
        assertThat(out.toFloatArray()).containsExactly(0.5f, -3);
    }

    @Test
    void infinitiesAndNan() {
        Tensor out = run(
                sub,
                floats(Float.POSITIVE_INFINITY, 1, Float.NaN),
                floats(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0));
        assertThat(out.toFloatArray()).containsExactly(Float.NaN, Float.POSITIVE_INFINITY, Float.NaN);
    }

    @Test
    void unsignedIntegersWrapModuloTheirWidth() {
        assertThat(longs(run(sub, vector(DataType.UINT8, 1, 200), vector(DataType.UINT8, 2, 100))))
                .containsExactly(255, 100);
        assertThat(longs(run(sub, vector(DataType.UINT16, 0), vector(DataType.UINT16, 1))))
                .containsExactly(65535);
        assertThat(longs(run(sub, vector(DataType.UINT32, 0), vector(DataType.UINT32, 1))))
                .containsExactly(4294967295L);
        assertThat(longs(run(sub, vector(DataType.UINT64, 0), vector(DataType.UINT64, 1))))
                .containsExactly(-1L); // 2^64-1
    }

    @Test
    void signedIntegersWrap() {
        assertThat(longs(run(sub, vector(DataType.INT8, -128, 5), vector(DataType.INT8, 1, 7))))
                .containsExactly(127, -2);
        assertThat(longs(run(sub, vector(DataType.INT64, Long.MIN_VALUE), vector(DataType.INT64, 1))))
                .containsExactly(Long.MAX_VALUE);
    }

    @Test
    void float64AndFloat16() {
        assertThat(values(run(sub, vector(DataType.FLOAT64, 0.3), vector(DataType.FLOAT64, 0.1))))
                .containsExactly(0.3 - 0.1);
        // 1 - 2^-11 is not a float16; it rounds to even: 1.0 (1 - 2^-11 lies halfway between 1-2^-11... ) -> exact
        // check
        assertThat(values(run(sub, vector(DataType.FLOAT16, 3), vector(DataType.FLOAT16, 0.5))))
                .containsExactly(2.5);
    }

    @Test
    void emptyTensor() {
        Tensor a = Tensor.allocate(TensorType.of(DataType.FLOAT32, 0, 3));
        Tensor out = run(sub, a, floats(1, 2, 3));
        assertThat(out.shape()).isEqualTo(Shape.of(0, 3));
    }

    @Test
    void errorPaths() {
        Tensor f = floats(1, 2);
        assertRejects(sub, node("Sub", f).build(), "inputs");
        assertRejects(sub, node("Sub", f, f, f).build(), "inputs");
        assertRejects(sub, node("Sub", f, vector(DataType.INT32, 1, 2)).build(), "int32");
        assertRejects(sub, node("Sub", f, floats(1, 2, 3)).build(), "broadcast");
        assertRejects(
                sub,
                node("Sub", vector(DataType.BOOL, 1), vector(DataType.BOOL, 1)).build(),
                "bool");
    }
}
