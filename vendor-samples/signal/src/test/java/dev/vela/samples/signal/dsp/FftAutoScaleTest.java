package dev.vela.samples.signal.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FftAutoScaleTest {
    @ParameterizedTest
    @ValueSource(strings = {"FftAutoScaleTestSmall", "FftAutoScaleTestScaleBit", "FftAutoScaleTestLarge"})
    void matchesTfliteMicroVectors(String name) {
        TflmCase c = new TflmCase("SignalFftAutoScale", name);
        short[] input = c.input(0).shorts();
        short[] out = new short[input.length];
        int bits = FftAutoScale.apply(input, out);
        assertThat(out).containsExactly(c.expected(0).shorts());
        assertThat(bits).isEqualTo(c.expected(1).ints()[0]);
    }

    @Test
    void silenceAndMinus32768AreNotScaledAsInTheGccBuild() {
        short[] out = new short[3];
        assertThat(FftAutoScale.apply(new short[3], out)).isZero();
        // the magnitude of -32768 wraps to -32768 in int16; only a later larger value replaces it
        assertThat(FftAutoScale.apply(new short[] {5, 7, Short.MIN_VALUE}, out)).isZero();
        assertThat(out).containsExactly(5, 7, Short.MIN_VALUE);
        assertThat(FftAutoScale.apply(new short[] {5, Short.MIN_VALUE, 7}, out)).isEqualTo(12);
        assertThat(FftAutoScale.apply(new short[] {1, -1}, out)).isEqualTo(14);
    }
}
