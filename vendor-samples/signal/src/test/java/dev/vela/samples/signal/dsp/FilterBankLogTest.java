package dev.vela.samples.signal.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilterBankLogTest {
    @ParameterizedTest
    @ValueSource(strings = {"FilterBankLogTest32Channel", "FilterBankLogTest16Channel"})
    void matchesTfliteMicroVectors(String name) {
        TflmCase c = new TflmCase("SignalFilterBankLog", name);
        int[] input = c.input(0).ints();
        short[] out = new short[input.length];
        FilterBankLog.apply(input, c.attribute("output_scale"), c.attribute("input_correction_bits"), out);
        assertThat(out).containsExactly(c.expected(0).shorts());
    }

    @Test
    void computedTableHasTfliteMicrosValuesAtItsLandmarks() {
        // kLogLut in signal/src/log.cc: starts 0, 224, 442; peaks at 5641 (entry 57); ends 142, 0, 0
        assertThat(FilterBankLog.LOG_LUT).hasSize(130);
        assertThat(FilterBankLog.LOG_LUT[0]).isZero();
        assertThat(FilterBankLog.LOG_LUT[1]).isEqualTo(224);
        assertThat(FilterBankLog.LOG_LUT[2]).isEqualTo(442);
        assertThat(FilterBankLog.LOG_LUT[57]).isEqualTo(5641);
        assertThat(FilterBankLog.LOG_LUT[64]).isEqualTo(5568);
        assertThat(FilterBankLog.LOG_LUT[127]).isEqualTo(142);
        assertThat(FilterBankLog.LOG_LUT[128]).isZero();
        assertThat(FilterBankLog.LOG_LUT[129]).isZero();
    }

    @Test
    void zeroAndOneGiveZero() {
        short[] out = new short[2];
        FilterBankLog.apply(new int[] {0, 1}, 64, 0, out);
        assertThat(out).containsExactly(0, 0);
    }
}
