package dev.vela.samples.signal.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnergyTest {
    @ParameterizedTest
    @ValueSource(strings = {"EnergyTestMiddle", "EnergyTestStart", "EnergyTestEnd"})
    void matchesTfliteMicroVectors(String name) {
        TflmCase c = new TflmCase("SignalEnergy", name);
        int[] out = new int[c.expected(0).ints().length];
        Energy.apply(c.input(0).shorts(), c.attribute("start_index"), c.attribute("end_index"), out);
        assertThat(out).containsExactly(c.expected(0).ints());
    }

    @Test
    void fullScaleBinIsTwoToTheThirtyFirstAsUint32() {
        int[] out = new int[1];
        Energy.apply(new short[] {Short.MIN_VALUE, Short.MIN_VALUE}, 0, 1, out);
        assertThat(Bits.u32(out[0])).isEqualTo(1L << 31);
    }

    @Test
    void refusesBinsOutsideTheSpectrum() {
        assertThatThrownBy(() -> Energy.apply(new short[8], 2, 5, new int[4])).hasMessageContaining("[2, 5)");
    }
}
