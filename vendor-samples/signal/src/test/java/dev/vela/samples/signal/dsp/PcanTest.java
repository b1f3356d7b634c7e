package dev.vela.samples.signal.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PcanTest {
    @Test
    void matchesTfliteMicroVectors() {
        TflmCase c = new TflmCase("SignalPCAN", "Mix1Ref1Case");
        int[] input = c.input(0).ints();
        int[] out = new int[input.length];
        Pcan.apply(input, c.input(1).ints(), c.input(2).shorts(), c.attribute("snr_shift"), out);
        assertThat(out).containsExactly(c.expected(0).ints());
    }

    @Test
    void shrinkIsQuadraticBelowTwoAndLinearAbove() {
        assertThat(Pcan.shrink(1 << 12)).isEqualTo(16); // 1²/4 = 0.25 with 6 fractional bits
        assertThat(Pcan.shrink(3 << 12)).isEqualTo(2 << 6); // 3 - 1
    }

    @Test
    void refusesAShortGainTable() {
        assertThatThrownBy(() -> Pcan.apply(new int[1], new int[1], new short[10], 6, new int[1]))
                .hasMessageContaining("125");
    }
}
