package dev.vela.samples.signal.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilterBankSquareRootTest {
    @ParameterizedTest
    @ValueSource(strings = {"FilterBankSquareRoot32Channel", "FilterBankSquareRoot16Channel"})
    void matchesTfliteMicroVectors(String name) {
        TflmCase c = new TflmCase("SignalFilterBankSquareRoot", name);
        long[] input = c.input(0).longs();
        int[] out = new int[input.length];
        FilterBankSquareRoot.apply(input, c.input(1).ints()[0], out);
        assertThat(out).containsExactly(c.expected(0).ints());
    }

    @Test
    void roundsToNearestAndSaturatesLikeTheCCode() {
        assertThat(FilterBankSquareRoot.sqrt64(0)).isZero();
        assertThat(FilterBankSquareRoot.sqrt64(15)).isEqualTo(4);
        assertThat(FilterBankSquareRoot.sqrt64(12)).isEqualTo(3);
        assertThat(FilterBankSquareRoot.sqrt64(0xFFFF_FFFFL)).isEqualTo(0xFFFF);
        assertThat(Bits.u32(FilterBankSquareRoot.sqrt64(-1L))).isEqualTo(0xFFFF_FFFFL);
        assertThat(FilterBankSquareRoot.sqrt64(1L << 40)).isEqualTo(1 << 20);
    }
}
