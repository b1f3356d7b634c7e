package dev.vela.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HalfFloatsTest {

    @Test
    void float16KnownValues() {
        assertThat(HalfFloats.floatToFloat16(1.0f)).isEqualTo((short) 0x3c00);
        assertThat(HalfFloats.floatToFloat16(-2.0f)).isEqualTo((short) 0xc000);
        assertThat(HalfFloats.floatToFloat16(65504f)).isEqualTo((short) 0x7bff);
        assertThat(HalfFloats.floatToFloat16(65520f)).isEqualTo((short) 0x7c00); // rounds to Inf
        assertThat(HalfFloats.floatToFloat16(0x1p-24f)).isEqualTo((short) 0x0001); // smallest subnormal
        assertThat(HalfFloats.floatToFloat16(0x1p-26f)).isEqualTo((short) 0); // below half of it
        assertThat(HalfFloats.float16ToFloat((short) 0x3555)).isEqualTo(0.33325195f);
        assertThat(HalfFloats.float16ToFloat((short) 0x8000)).isEqualTo(-0.0f);
        assertThat(Float.isNaN(HalfFloats.float16ToFloat(HalfFloats.floatToFloat16(Float.NaN))))
                .isTrue();
    }

    @Test
    void float16RoundTripsEveryValue() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float f = HalfFloats.float16ToFloat((short) bits);
            if (!Float.isNaN(f)) {
                assertThat(HalfFloats.floatToFloat16(f) & 0xffff)
                        .as("bits %04x", bits)
                        .isEqualTo(bits);
            }
        }
    }

    @Test
    void float16RoundsTiesToEven() {
        float one = 1.0f;
        float halfUlp = 0x1p-11f; // half of float16's ulp at 1.0
        assertThat(HalfFloats.floatToFloat16(one + halfUlp)).isEqualTo((short) 0x3c00);
        assertThat(HalfFloats.floatToFloat16(one + 3 * halfUlp)).isEqualTo((short) 0x3c02);
    }

    @Test
    void bfloat16RoundsToNearestEven() {
        assertThat(HalfFloats.floatToBfloat16(1.0f)).isEqualTo((short) 0x3f80);
        assertThat(HalfFloats.bfloat16ToFloat((short) 0x3f80)).isEqualTo(1.0f);
        assertThat(HalfFloats.floatToBfloat16(Float.intBitsToFloat(0x3f808000))).isEqualTo((short) 0x3f80);
        assertThat(HalfFloats.floatToBfloat16(Float.intBitsToFloat(0x3f818000))).isEqualTo((short) 0x3f82);
        assertThat(Float.isNaN(HalfFloats.bfloat16ToFloat(HalfFloats.floatToBfloat16(Float.NaN))))
                .isTrue();
    }
}
