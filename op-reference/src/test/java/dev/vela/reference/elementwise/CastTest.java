package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

class CastTest {

    // TensorProto.DataType codes
    private static final int FLOAT = 1;
    private static final int UINT8 = 2;
    private static final int INT8 = 3;
    private static final int UINT16 = 4;
    private static final int INT16 = 5;
    private static final int INT32 = 6;
    private static final int INT64 = 7;
    private static final int BOOL = 9;
    private static final int FLOAT16 = 10;
    private static final int DOUBLE = 11;
    private static final int UINT32 = 12;
    private static final int UINT64 = 13;
    private static final int BFLOAT16 = 16;

    private final Cast cast = new Cast();

    private Tensor cast(Tensor x, int to) {
        return run(cast, node("Cast", x).attr("to", to).build(), x);
    }

    @Test
    void everyCodeMapsToItsType() {
        Tensor x = floats(1);
        int[] codes = {FLOAT, UINT8, INT8, UINT16, INT16, INT32, INT64, BOOL, FLOAT16, DOUBLE, UINT32, UINT64, BFLOAT16
        };
        DataType[] types = {
            DataType.FLOAT32,
            DataType.UINT8,
            DataType.INT8,
            DataType.UINT16,
            DataType.INT16,
            DataType.INT32,
            DataType.INT64,
            DataType.BOOL,
            DataType.FLOAT16,
            DataType.FLOAT64,
            DataType.UINT32,
            DataType.UINT64,
            DataType.BFLOAT16
        };
        for (int i = 0; i < codes.length; i++) {
            Tensor out = cast(x, codes[i]);
            assertThat(out.dataType()).isEqualTo(types[i]);
            assertThat(out.getDouble(0)).isEqualTo(1.0);
        }
    }

    @Test
    void everyPairKeepsZeroOneAndSeven() {
        int[] codes = {FLOAT, UINT8, INT8, UINT16, INT16, INT32, INT64, BOOL, FLOAT16, DOUBLE, UINT32, UINT64, BFLOAT16
        };
        for (DataType from : DataType.values()) {
            boolean bool = from == DataType.BOOL;
            Tensor x = vector(from, 0, 1, bool ? 1 : 7);
            for (int code : codes) {
                Tensor out = cast(x, code);
                boolean toBool = out.dataType() == DataType.BOOL;
                assertThat(values(out))
                        .as("%s -> %s", from, out.dataType())
                        .containsExactly(0, 1, bool || toBool ? 1 : 7);
            }
        }
    }

    @Test
    void floatToIntegerTruncatesTowardZero() {
        Tensor x = floats(1.9f, -1.9f, 0.5f, -0.5f, Float.NaN);
        assertThat(longs(cast(x, INT32))).containsExactly(1, -1, 0, 0, 0);
        assertThat(longs(cast(vector(DataType.FLOAT64, 1e10, -2.5), INT64))).containsExactly(10_000_000_000L, -2);
    }

    @Test
    void floatToNarrowIntegersKeepsTheLowBits() {
        assertThat(longs(cast(floats(255.7f, 256, -1, 3e9f), UINT8))).containsExactly(255, 0, 255, 0);
        assertThat(longs(cast(floats(3e9f), UINT32))).containsExactly(3_000_000_000L);
        assertThat(longs(cast(vector(DataType.FLOAT64, 1.5e19), UINT64)))
                .containsExactly(Long.parseUnsignedLong("15000000000000000000"));
    }

    @Test
    void boolConversions() {
        assertThat(longs(cast(floats(0, -0f, 0.1f, Float.NaN, -3), BOOL))).containsExactly(0, 0, 1, 1, 1);
        assertThat(longs(cast(vector(DataType.INT32, 0, 5, -1), BOOL))).containsExactly(0, 1, 1);
        Tensor b = vector(DataType.BOOL, 1, 0);
        assertThat(cast(b, FLOAT).toFloatArray()).containsExactly(1, 0);
        assertThat(longs(cast(b, INT64))).containsExactly(1, 0);
        assertThat(values(cast(b, FLOAT16))).containsExactly(1, 0);
    }

    @Test
    void floatToFloatRoundsOnceToNearestEven() {
        // nearest float16 to 1/3 is 0x3555 = 1365/4096; 65520 is halfway to the next (inexistent) binade: Inf
        Tensor h = cast(floats(1f / 3, 65504, 65520, Float.NaN, Float.NEGATIVE_INFINITY), FLOAT16);
        assertThat(values(h))
                .containsExactly(1365.0 / 4096, 65504, Double.POSITIVE_INFINITY, Double.NaN, Double.NEGATIVE_INFINITY);
        // 1 + 2^-11 + 2^-40 lies just above halfway between two float16 values: rounds up. Going through float
        // first would lose 2^-40, land exactly halfway and round to even (1.0).
        assertThat(values(cast(vector(DataType.FLOAT64, 1 + 0x1p-11 + 0x1p-40), FLOAT16)))
                .containsExactly(1 + 0x1p-10);
        assertThat(values(cast(vector(DataType.FLOAT64, 1 + 0x1p-8 + 0x1p-40), BFLOAT16)))
                .containsExactly(1 + 0x1p-7);
        assertThat(cast(vector(DataType.FLOAT64, 0.1, 1e300), FLOAT).toFloatArray())
                .containsExactly(0.1f, Float.POSITIVE_INFINITY);
        assertThat(values(cast(vector(DataType.FLOAT16, 0.1), DOUBLE))).containsExactly(0.0999755859375);
    }

    @Test
    void integerToFloatIsTheNearestValue() {
        assertThat(cast(vector(DataType.INT64, (1 << 24) + 1, -7), FLOAT).toFloatArray())
                .containsExactly(16777216f, -7f);
        Tensor max = vector(DataType.UINT64, 0);
        max.setLong(0, -1L); // 2^64 - 1
        assertThat(values(cast(max, DOUBLE))).containsExactly(0x1p64);
        assertThat(cast(max, FLOAT).toFloatArray()).containsExactly(0x1p64f);
        assertThat(values(cast(vector(DataType.UINT32, 4294967295.0), DOUBLE))).containsExactly(4294967295.0);
    }

    @Test
    void integerToIntegerWraps() {
        assertThat(longs(cast(vector(DataType.INT32, 300, -129), INT8))).containsExactly(44, 127);
        assertThat(longs(cast(vector(DataType.UINT8, 200), INT8))).containsExactly(-56);
        assertThat(longs(cast(vector(DataType.INT8, -1), UINT64))).containsExactly(-1L);
        assertThat(longs(cast(vector(DataType.INT16, -1), UINT16))).containsExactly(65535);
    }

    @Test
    void beforeOpset6TheTargetIsATypeName() {
        Tensor x = floats(2.5f, -1);
        Tensor out = run(cast, node("Cast", x).opset(1).attr("to", "INT32").build(), x);
        assertThat(out.dataType()).isEqualTo(DataType.INT32);
        assertThat(longs(out)).containsExactly(2, -1);
        assertThat(run(cast, node("Cast", x).opset(1).attr("to", "DOUBLE").build(), x)
                        .dataType())
                .isEqualTo(DataType.FLOAT64);
        assertRejects(cast, node("Cast", x).opset(1).attr("to", "STRING").build(), "unsupported target type");
    }

    @Test
    void keepsShapeIncludingEmpty() {
        Tensor x = Tensor.allocate(TensorType.of(DataType.FLOAT32, 2, 0));
        assertThat(cast(x, INT64).shape()).isEqualTo(Shape.of(2, 0));
    }

    @Test
    void errorPaths() {
        Tensor x = floats(1);
        assertRejects(cast, node("Cast", x).attr("to", 8).build(), "unsupported target type");
        assertRejects(cast, node("Cast", x).attr("to", 17).build(), "unsupported target type");
        assertRejects(cast, node("Cast", x).build(), "'to'");
        assertRejects(cast, node("Cast", x, x).attr("to", 1).build(), "inputs");
    }
}
