package dev.vela.samples.signal.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilterBankTest {
    @ParameterizedTest
    @ValueSource(strings = {"FilterBankTest32Channel", "FilterBankTest16Channel"})
    void matchesTfliteMicroVectors(String name) {
        TflmCase c = new TflmCase("SignalFilterBank", name);
        int channels = c.attribute("num_channels");
        long[] out = new long[channels];
        FilterBank.apply(
                c.input(0).ints(),
                c.input(1).shorts(),
                c.input(2).shorts(),
                c.input(3).shorts(),
                c.input(4).shorts(),
                c.input(5).shorts(),
                channels,
                out);
        assertThat(out).containsExactly(c.expected(0).longs());
    }

    @Test
    void refusesAChannelReachingPastTheSpectrum() {
        short[] starts = {0, 3};
        short[] widths = {2, 2};
        assertThatThrownBy(() -> FilterBank.apply(
                        new int[4], new short[4], new short[4], starts, new short[2], widths, 1, new long[1]))
                .hasMessageContaining("channel 1");
    }
}
