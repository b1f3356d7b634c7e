package dev.vela.samples.signal.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpectralSubtractionTest {
    @ParameterizedTest
    @ValueSource(strings = {"FilterBankSpectralSubtractionTest32Channel", "FilterBankSpectralSubtractionTest16Channel"})
    void firstFrameFromZeroStateMatchesTfliteMicroVectors(String name) {
        TflmCase c = new TflmCase("SignalFilterBankSpectralSubtraction", name);
        SpectralSubtraction op = of(c);
        int[] noise = new int[op.numChannels()];
        int[] out = new int[op.numChannels()];
        op.apply(c.input(0).ints(), out, noise);
        assertThat(out).containsExactly(c.expected(0).ints());
        assertThat(noise).containsExactly(c.expected(1).ints());
    }

    @Test
    void theNoiseEstimateCarriesOverAndClampingPullsItDown() {
        SpectralSubtraction op = new SpectralSubtraction(2, 8192, 8192, 8192, 8192, 0, 0, 14, true);
        int[] noise = new int[2];
        int[] out = new int[2];
        op.apply(new int[] {100, 100}, out, noise);
        assertThat(noise).containsExactly(50, 50);
        assertThat(out).containsExactly(50, 50);
        op.apply(new int[] {100, 10}, out, noise);
        // channel 0: (100 + 50) / 2 = 75; channel 1: (10 + 50) / 2 = 30 > 10, clamped to the signal
        assertThat(noise).containsExactly(75, 10);
        assertThat(out).containsExactly(25, 0);
    }

    static SpectralSubtraction of(TflmCase c) {
        return new SpectralSubtraction(
                c.attribute("num_channels"),
                c.attribute("smoothing"),
                c.attribute("one_minus_smoothing"),
                c.attribute("alternate_smoothing"),
                c.attribute("alternate_one_minus_smoothing"),
                c.attribute("min_signal_remaining"),
                c.attribute("smoothing_bits"),
                c.attribute("spectral_subtraction_bits"),
                c.attribute("clamping") != 0);
    }
}
